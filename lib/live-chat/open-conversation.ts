import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { listConsoleMessages } from "./console-message";
import { conversationDetails } from "./conversation-details";
import { readPage } from "./list-queue";
import type { TConsoleMessage, TConversationDetails, TVisitorDetails } from "./protocol";

const EARLIER_MAX = 20;

/**
 * What the console shows for one conversation: its header, the whole transcript (the bot's
 * part and internal notes included) and the visitor panel with earlier conversations of the
 * same browser session or the same email address. Tenant-scoped throughout.
 */
export async function openConversation(workspaceId: string, conversationId: string, since?: string): Promise<{ conversation: TConversationDetails; messages: TConsoleMessage[]; visitor: TVisitorDetails }> {
  const conversation = await conversationDetails(workspaceId, conversationId);
  const row = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    select: {
      visitorSessionId: true,
      visitorSession: { select: { name: true, email: true, locale: true, userAgent: true, referrer: true, searchPhrase: true, lastPage: true, pages: true, fields: true } },
    },
  });
  if (!row) throw new AppError("not_found", "Conversation not found.");
  const session = row.visitorSession;
  const [messages, earlier, prechat] = await Promise.all([
    listConsoleMessages(workspaceId, conversationId, since),
    db().conversation.findMany({
      where: {
        workspaceId,
        id: { not: conversationId },
        OR: [{ visitorSessionId: row.visitorSessionId }, ...(session.email ? [{ visitorSession: { email: session.email } }] : [])],
      },
      orderBy: { createdAt: "desc" },
      take: EARLIER_MAX,
      select: { id: true, status: true, createdAt: true, messageCount: true, rating: true },
    }),
    db().lead.findFirst({ where: { workspaceId, source: "prechat", conversation: { visitorSessionId: row.visitorSessionId } }, orderBy: { createdAt: "desc" }, select: { fields: true } }),
  ]);
  return {
    conversation,
    messages,
    visitor: {
      sessionId: row.visitorSessionId,
      name: session.name,
      email: session.email,
      locale: session.locale,
      userAgent: session.userAgent,
      referrer: session.referrer,
      searchPhrase: session.searchPhrase,
      currentPage: readPage(session.lastPage),
      pages: readPages(session.pages),
      fields: { ...stringFields(prechat?.fields), ...stringFields(session.fields) },
      earlierConversations: earlier.map((c) => ({ id: c.id, status: c.status, createdAt: c.createdAt.toISOString(), messageCount: c.messageCount, rating: c.rating })),
    },
  };
}

function readPages(json: unknown): TVisitorDetails["pages"] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((p): p is { url: string; title?: unknown; at?: unknown } => Boolean(p) && typeof (p as { url?: unknown }).url === "string")
    .map((p) => ({ url: p.url, title: typeof p.title === "string" ? p.title : "", at: typeof p.at === "string" ? p.at : "" }));
}

function stringFields(json: unknown): Record<string, string> {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json as Record<string, unknown>).filter(([, v]) => typeof v === "string") as [string, string][]);
}
