import { readWidgetSettings } from "../bots/bot-settings";
import { updateVisitor } from "../chat/visitor-session";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { queueLeadNotification } from "./lead-mail";
import { validateLead } from "./validate-lead";

/**
 * Stores a lead from the widget: the pre-chat form or the "leave a message" form. The
 * caller has already resolved the visitor (socket handshake), so everything in `target`
 * is trusted server state; only `payload` comes from the visitor.
 */
export type TLeadTarget = {
  bot: { id: string; workspaceId: string; name: string; widgetSettings: unknown };
  /** The visitor's conversation: leads are counted against the per-session cap through it. */
  conversationId: string;
  visitorSessionId: string;
  /** The visitor's browser language ("de-DE"): the notification tells the team which language to reply in. */
  locale: string | null;
};

/** A visitor session may leave this many leads per window (counted in the database, so it holds across nodes). */
export const LEAD_SESSION_LIMIT = { max: 5, windowSeconds: 60 * 60 } as const;

export async function submitLead(target: TLeadTarget, payload: unknown): Promise<{ leadId: string }> {
  const preChat = readWidgetSettings(target.bot.widgetSettings).preChat;
  const lead = validateLead(payload, preChat.enabled ? preChat.fields : null);
  const locale = target.locale?.slice(0, 35) || null;

  const created = await db().$transaction(async (tx) => {
    // One lead at a time per visitor session (row lock), so concurrent submissions cannot
    // slip past the cap; the join proves the conversation is this visitor's.
    const session = await tx.$queryRaw<{ id: string }[]>`
      SELECT s.id FROM visitor_sessions s JOIN conversations c ON c.visitor_session_id = s.id
      WHERE s.id = ${target.visitorSessionId} AND c.id = ${target.conversationId} AND s.workspace_id = ${target.bot.workspaceId} AND s.bot_id = ${target.bot.id}
      FOR UPDATE OF s`;
    if (session.length === 0) throw new AppError("not_found", "Chat session not found.");
    const since = new Date(Date.now() - LEAD_SESSION_LIMIT.windowSeconds * 1000);
    const recent = await tx.lead.findMany({
      where: { workspaceId: target.bot.workspaceId, conversation: { visitorSessionId: target.visitorSessionId }, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    if (recent.length >= LEAD_SESSION_LIMIT.max) {
      const freeAt = recent[recent.length - LEAD_SESSION_LIMIT.max]!.createdAt.getTime() + LEAD_SESSION_LIMIT.windowSeconds * 1000;
      throw new AppError("rate_limited", "You have sent several forms already. Please try again later.", {
        retryAfterSeconds: Math.max(1, Math.ceil((freeAt - Date.now()) / 1000)),
      });
    }
    return tx.lead.create({
      data: {
        workspaceId: target.bot.workspaceId,
        botId: target.bot.id,
        conversationId: target.conversationId,
        source: lead.source,
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
        message: lead.message,
        fields: lead.fields,
      },
      select: { id: true },
    });
  });

  if (lead.name || lead.email) {
    await updateVisitor(target.visitorSessionId, { ...(lead.name ? { name: lead.name } : {}), ...(lead.email ? { email: lead.email } : {}) });
  }
  if (lead.source === "offline_form") {
    queueLeadNotification(target.bot.workspaceId, target.bot.name, { name: lead.name, email: lead.email, phone: lead.phone, message: lead.message, language: locale });
  }
  return { leadId: created.id };
}
