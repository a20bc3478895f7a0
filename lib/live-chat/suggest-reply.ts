import { settleAnswer } from "../billing/settle-answer";
import { answerQuestion } from "../chat/answer";
import { historyFor } from "../chat/messages";
import { findWorkspaceBot } from "../chat/visitor-session";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { log } from "../log/logger";
import type { TCitation } from "../widget/protocol";
import { findConversation, refuse } from "./find-conversation";
import type { TOperatorCtx } from "./operator-context";

/**
 * An AI-drafted reply to the visitor's last question, from the conversation's bot and its
 * knowledge, for the operator to edit and send. No message is stored; the answer's usage is
 * recorded and charged like a playground answer (an operator asked for it, no visitor saw it).
 */
export async function suggestReply(op: TOperatorCtx, conversationId: string): Promise<{ text: string; citations: TCitation[] }> {
  const conversation = await findConversation(op.workspaceId, conversationId);
  const bot = await findWorkspaceBot(op.workspaceId, conversation.botId);
  if (!bot) throw new AppError("not_found", "Bot not found.");
  const question = await db().message.findFirst({
    where: { conversationId, workspaceId: op.workspaceId, role: "visitor" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, text: true },
  });
  if (!question) throw refuse("no_question", "The visitor has not asked anything yet.");
  for await (const event of answerQuestion({ bot, question: question.text, history: historyFor(conversationId, [question.id]), locale: conversation.language, humanAvailable: false })) {
    if (event.type !== "done") continue;
    await settleAnswer({ ...event.usage, workspaceId: op.workspaceId, botId: bot.id, conversationId, kind: "playground" }).catch((error: unknown) =>
      log.error("Recording a suggestion's usage failed", { conversationId, error: String(error) }),
    );
    return { text: event.text, citations: event.citations.map((c) => ({ n: c.n, title: c.title, url: c.url, sourceId: c.sourceId })) };
  }
  throw new AppError("internal", "No suggestion could be made.");
}
