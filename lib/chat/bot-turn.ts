import { noteBalanceChange } from "../billing/balance-notices";
import { releaseHold } from "../billing/holds";
import { recordUsage } from "../billing/record-usage";
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
export function queueBotTurn(input: { bot: TAnswerBot; conversationId: string; questionMessageId: string; question: string; locale: string | null; humanAvailable: boolean; emit: TEmit }) {
  const previous = queues.get(input.conversationId) ?? Promise.resolve();
  const next = previous.then(() => runBotTurn(input)).catch((error) => log.error("Bot turn failed", { conversationId: input.conversationId, error: String(error) }));
  queues.set(input.conversationId, next);
  void next.finally(() => {
    if (queues.get(input.conversationId) === next) queues.delete(input.conversationId);
  });
  return next;
}

/** Waits for every queued bot turn (graceful shutdown, tests). */
export async function drainBotTurns() {
  await Promise.all([...queues.values()]);
}

export async function runBotTurn(input: { bot: TAnswerBot; conversationId: string; questionMessageId: string; question: string; locale: string | null; humanAvailable: boolean; emit: TEmit }) {
  const conversation = await db().conversation.findUnique({ where: { id: input.conversationId }, select: { id: true, workspaceId: true, status: true } });
  if (!conversation || conversation.status !== "bot") return;
  input.emit("typing", { from: "bot", active: true });
  const message = await createBotMessage(conversation);
  input.emit("message:new", message);
  // Loaded while retrieval runs; the question itself is not part of it.
  const history = historyFor(conversation.id, [input.questionMessageId, message.id]).catch(() => []);

  let text = "";
  let lastSave = Date.now();
  let unsettledHold: string | null = null;
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
      unsettledHold = event.usage.holdId;
      // The answer, its usage record and its debit commit together.
      const usage = await db().$transaction(async (tx) => {
        await tx.message.update({ where: { id: message.id }, data: { text: event.text, citations, status: event.status } });
        await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: new Date(), messageCount: { increment: 1 } } });
        return recordUsage(tx, { ...event.usage, workspaceId: conversation.workspaceId, botId: input.bot.id, conversationId: conversation.id, messageId: message.id, kind: "answer" });
      });
      unsettledHold = null;
      if (usage.debitedCents > 0) void noteBalanceChange(conversation.workspaceId, "debit").catch((error: unknown) => log.error("Balance notice failed", { error: String(error) }));
      input.emit("bot:done", { messageId: message.id, text: event.text, citations: citations.map(({ chunkId: _c, ...c }) => c), status: event.status });
    }
  } catch (error) {
    if (unsettledHold) await releaseHold(unsettledHold).catch(() => undefined);
    log.error("Answer failed", { conversationId: conversation.id, error: String(error).slice(0, 300) });
    const sorry = input.locale?.startsWith("en") ? "Sorry, something went wrong. Please try again." : "Entschuldigung, da ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal.";
    await finishBotMessage(message.id, { text: text || sorry, citations: [], status: "failed" });
    input.emit("bot:done", { messageId: message.id, text: text || sorry, citations: [], status: "failed" });
  } finally {
    input.emit("typing", { from: "bot", active: false });
  }
}
