import { settleAnswer } from "../billing/settle-answer";
import { db } from "../db/client";
import { log } from "../log/logger";
import type { TWidgetServerEvents } from "../widget/protocol";
import { answerQuestion, type TAnswerBot } from "./answer";
import { createBotMessage, finishBotMessage, historyFor, saveBotProgress } from "./messages";

type TEmit = <E extends keyof TWidgetServerEvents>(event: E, ...args: Parameters<TWidgetServerEvents[E]>) => void;

/** Partial answers are saved at most this often, for frames that reconnect mid-answer. */
const PROGRESS_EVERY_MS = 1000;

const queues: Map<string, Promise<void>> = ((globalThis as { __chatwerkBotTurns?: Map<string, Promise<void>> }).__chatwerkBotTurns ??= new Map());

/**
 * The bot's reply to one visitor message: persisted first (an empty "streaming" message),
 * broadcast, streamed as deltas, then finalised with citations and a usage record. Turns of
 * one conversation run one after another in this process.
 */
export type TBotTurnInput = {
  bot: TAnswerBot;
  conversationId: string;
  questionMessageId: string;
  question: string;
  locale: string | null;
  humanAvailable: boolean;
  emit: TEmit;
  /** After a finished answer (live chat: an unsure answer hands over to a human). Errors are logged, never shown. */
  onAnswered?: (answer: { confident: boolean; status: "done" | "failed" }) => Promise<unknown> | void;
};

export function queueBotTurn(input: TBotTurnInput) {
  return queueConversationWork(input.conversationId, () => runBotTurn(input));
}

/**
 * Runs `work` after everything already queued for the conversation in this process, so a
 * conversation's visitor messages are routed (bot or operator) and answered in order.
 * `work` must not wait for the same queue (call runBotTurn, not queueBotTurn, inside it).
 */
export function queueConversationWork(conversationId: string, work: () => Promise<void>) {
  const previous = queues.get(conversationId) ?? Promise.resolve();
  const next = previous.then(work).catch((error) => log.error("Bot turn failed", { conversationId, error: String(error) }));
  queues.set(conversationId, next);
  void next.finally(() => {
    if (queues.get(conversationId) === next) queues.delete(conversationId);
  });
  return next;
}

/** Whether work for the conversation is queued or running in this process. */
export function hasConversationWork(conversationId: string) {
  return queues.has(conversationId);
}

/** Waits for every queued bot turn (graceful shutdown, tests). */
export async function drainBotTurns() {
  await Promise.all([...queues.values()]);
}

export async function runBotTurn(input: TBotTurnInput) {
  // While a human has the chat (queued or assigned), the bot stays silent.
  const conversation = await db().conversation.findUnique({ where: { id: input.conversationId }, select: { id: true, workspaceId: true, status: true } });
  if (!conversation || conversation.status !== "bot") return;
  input.emit("typing", { from: "bot", active: true });
  const message = await createBotMessage(conversation);
  input.emit("message:new", message);
  // Loaded while retrieval runs; the question itself is not part of it.
  const history = historyFor(conversation.id, [input.questionMessageId, message.id]).catch(() => []);

  let text = "";
  let lastSave = Date.now();
  let answered: { confident: boolean; status: "done" | "failed" } | null = null;
  try {
    for await (const event of answerQuestion({ bot: input.bot, question: input.question, history, locale: input.locale, humanAvailable: input.humanAvailable })) {
      if (event.type === "delta") {
        text += event.text;
        input.emit("bot:delta", { messageId: message.id, delta: event.text });
        if (Date.now() - lastSave > PROGRESS_EVERY_MS) {
          lastSave = Date.now();
          await saveBotProgress(message.id, text);
        }
        continue;
      }
      const citations = event.citations.map((c) => ({ n: c.n, title: c.title, url: c.url, sourceId: c.sourceId, chunkId: c.chunkId }));
      // The answer, its usage record and its debit commit together.
      await settleAnswer({ ...event.usage, workspaceId: conversation.workspaceId, botId: input.bot.id, conversationId: conversation.id, messageId: message.id, kind: "answer" }, async (tx) => {
        await tx.message.update({ where: { id: message.id }, data: { text: event.text, citations, status: event.status } });
        await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: new Date(), messageCount: { increment: 1 } } });
      });
      input.emit("bot:done", { messageId: message.id, text: event.text, citations: citations.map(({ chunkId: _c, ...c }) => c), status: event.status });
      answered = { confident: event.confident, status: event.status };
    }
  } catch (error) {
    log.error("Answer failed", { conversationId: conversation.id, error: String(error).slice(0, 300) });
    const sorry = input.locale?.startsWith("en") ? "Sorry, something went wrong. Please try again." : "Entschuldigung, da ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal.";
    await finishBotMessage(message.id, { text: text || sorry, citations: [], status: "failed" });
    input.emit("bot:done", { messageId: message.id, text: text || sorry, citations: [], status: "failed" });
  } finally {
    input.emit("typing", { from: "bot", active: false });
  }
  if (answered && input.onAnswered) {
    try {
      await input.onAnswered(answered);
    } catch (error) {
      log.error("After-answer hook failed", { conversationId: conversation.id, error: String(error) });
    }
  }
}
