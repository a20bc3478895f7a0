import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { emitToConversation } from "../realtime/broadcast";
import { WIDGET_LIMITS, type TCitation, type TWidgetServerEvents } from "../widget/protocol";
import { isHumanAvailable } from "../live-chat/availability";
import { queueBotTurn } from "./bot-turn";
import { addVisitorMessage } from "./messages";
import { findWorkspaceBot, resolveVisitorSession } from "./visitor-session";

/**
 * `POST /api/v1/bots/{botId}/chat`: the same engine as the widget socket. The visitor
 * message is stored and broadcast to any open frame of the session; the answer is streamed
 * to the caller (SSE) and to those frames.
 */
export const ZChatInput = z.object({
  message: z.string().trim().min(1, "Required").max(WIDGET_LIMITS.messageMaxChars, `At most ${WIDGET_LIMITS.messageMaxChars} characters`),
  stream: z.boolean().default(false),
  locale: z.string().max(WIDGET_LIMITS.localeMaxChars).optional(),
});

export type TApiChatEvent =
  | { event: "session"; data: { sessionId: string; conversationId: string; messageId: string } }
  | { event: "delta"; data: { delta: string } }
  | { event: "done"; data: { messageId: string; answer: string; citations: TCitation[]; status: "done" | "failed" } };

export async function startApiChat(ctx: { workspaceId: string }, botId: string, raw: unknown, options: { sessionToken?: string | null; idempotencyKey?: string | null; onEvent: (e: TApiChatEvent) => void }) {
  const input = ZChatInput.parse(raw);
  const bot = await findWorkspaceBot(ctx.workspaceId, botId);
  if (!bot) throw new AppError("not_found", "Bot not found.");
  const session = await resolveVisitorSession(bot, { token: options.sessionToken ?? undefined, locale: input.locale });
  if (session.conversation.status !== "bot") throw new AppError("conflict", "A human has taken over this conversation; use the widget.");
  const clientMessageId = options.idempotencyKey && /^[A-Za-z0-9_-]{8,64}$/.test(options.idempotencyKey) ? options.idempotencyKey : randomUUID();
  const { message, duplicate } = await addVisitorMessage({ id: session.conversation.id, workspaceId: bot.workspaceId }, { text: input.message, clientMessageId });
  const broadcast = emitToConversation(session.conversation.id);
  broadcast("message:new", message);
  options.onEvent({ event: "session", data: { sessionId: session.token, conversationId: session.conversation.id, messageId: message.id } });
  if (duplicate) throw new AppError("conflict", "This Idempotency-Key was already used for a message in this session.");

  let result: Extract<TApiChatEvent, { event: "done" }>["data"] | null = null;
  const emit = <E extends keyof TWidgetServerEvents>(event: E, ...args: Parameters<TWidgetServerEvents[E]>) => {
    broadcast(event, ...args);
    const payload = args[0] as Record<string, unknown>;
    if (event === "bot:delta") options.onEvent({ event: "delta", data: { delta: String(payload.delta) } });
    if (event === "bot:done") {
      result = { messageId: String(payload.messageId), answer: String(payload.text), citations: payload.citations as TCitation[], status: payload.status as "done" | "failed" };
      options.onEvent({ event: "done", data: result });
    }
  };
  await queueBotTurn({ bot, conversationId: session.conversation.id, questionMessageId: message.id, question: message.text, locale: input.locale ?? null, humanAvailable: await isHumanAvailable(bot.workspaceId), emit });
  return { stream: input.stream, sessionId: session.token, conversationId: session.conversation.id, result: result as Extract<TApiChatEvent, { event: "done" }>["data"] | null };
}
