import { db } from "../db/client";
import { resyncAfter, toWidgetMessage } from "../chat/messages";
import type { TCitation, TWidgetMessage } from "../widget/protocol";
import { operatorIdentities, type TOperatorIdentity } from "./operator-identity";
import type { TConsoleMessage } from "./protocol";
import { MESSAGE_SELECT } from "./system-messages";

export type TMessageRow = {
  id: string; conversationId: string; clientMessageId: string | null; role: "visitor" | "bot" | "operator" | "system"; text: string;
  createdAt: Date; status: "streaming" | "done" | "failed"; citations: unknown; authorUserId: string | null; internal: boolean;
};

export function toConsoleMessage(m: TMessageRow, author: TOperatorIdentity | null | undefined): TConsoleMessage {
  const citations = Array.isArray(m.citations) ? (m.citations as TCitation[]).map((c) => ({ n: c.n, title: c.title, url: c.url, sourceId: c.sourceId })) : [];
  return {
    id: m.id,
    conversationId: m.conversationId,
    clientMessageId: m.clientMessageId,
    role: m.role,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    status: m.status,
    citations,
    author: author ? { userId: author.userId, name: author.name, avatarUrl: author.avatarUrl } : null,
    internal: m.internal,
  };
}

/** The visitor's view of a message: internal notes must never be passed here. */
export function toVisitorMessage(m: TMessageRow, author: TOperatorIdentity | null | undefined): TWidgetMessage {
  if (m.internal) throw new Error("An internal note is not a visitor message");
  return toWidgetMessage(m, author ? { name: author.name, avatarUrl: author.avatarUrl } : null);
}

const CONSOLE_HISTORY = 500;

/**
 * The whole conversation for the console (bot part and internal notes included), oldest
 * first; with `since` only newer messages (and those written shortly before: resyncAfter).
 */
export async function listConsoleMessages(workspaceId: string, conversationId: string, since?: string): Promise<TConsoleMessage[]> {
  const anchor = since ? await db().message.findFirst({ where: { id: since, conversationId, workspaceId }, select: { createdAt: true } }) : null;
  const rows = await db().message.findMany({
    where: { conversationId, workspaceId, ...resyncAfter(anchor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CONSOLE_HISTORY,
    select: MESSAGE_SELECT,
  });
  const authors = await operatorIdentities(workspaceId, rows.map((r) => r.authorUserId).filter((id): id is string => Boolean(id)));
  return rows.reverse().map((m) => toConsoleMessage(m, m.authorUserId ? authors.get(m.authorUserId) : null));
}
