import type { TWidgetBot } from "../chat/visitor-session";
import { submitLead } from "./submit-lead";

/**
 * The `lead:submit` event of the /widget namespace. Call it with the socket's own data (set
 * by the handshake, never by the visitor) and the raw payload:
 *
 *   socket.on("lead:submit", async (payload, ack) => {
 *     try { ack({ ok: true, data: await handleLeadSubmit(socket.data, payload) }); } catch (e) { fail(ack, e); }
 *   });
 *
 * - `bot`: the resolved widget bot (id, workspaceId, name, widgetSettings are read).
 * - `sessionId`: the visitor session's database id (not the browser's token).
 * - `conversationId`: the session's open conversation.
 * - `locale`: the browser language from the handshake, or null.
 *
 * Throws AppError: "validation_failed" (details.field names the field), "rate_limited"
 * (retryAfterSeconds set; 5 leads per session and hour), "not_found" (session gone).
 * When the visitor left a message, owners and admins are emailed in the background
 * (drainLeadNotifications in lib/leads/lead-mail.ts waits for it at shutdown).
 */
export type TLeadSocketContext = {
  bot: Pick<TWidgetBot, "id" | "workspaceId" | "name" | "widgetSettings">;
  sessionId: string;
  conversationId: string;
  locale: string | null;
};

export async function handleLeadSubmit(context: TLeadSocketContext, payload: unknown): Promise<{ leadId: string }> {
  return submitLead({ bot: context.bot, visitorSessionId: context.sessionId, conversationId: context.conversationId, locale: context.locale }, payload);
}
