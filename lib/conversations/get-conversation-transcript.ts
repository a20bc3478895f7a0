import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { operatorIdentities } from "../live-chat/operator-identity";
import type { TWorkspaceContext } from "../workspaces/types";

/** A transcript stops here; longer conversations are cut (and say so). */
export const TRANSCRIPT_MAX_MESSAGES = 5000;

export type TTranscriptMessage = {
  id: string;
  role: "visitor" | "bot" | "operator" | "system";
  text: string;
  /** Operator notes: for the team only, never shown to the visitor. */
  internal: boolean;
  authorName: string | null;
  createdAt: Date;
};

export type TConversationTranscript = Awaited<ReturnType<typeof getConversationTranscript>>;

/**
 * One conversation for the team: every message including internal notes, operator names,
 * the visitor's details and the post-chat rating. Another workspace's id is "not found".
 */
export async function getConversationTranscript(ctx: Pick<TWorkspaceContext, "workspaceId">, conversationId: string) {
  const c = await db().conversation.findFirst({
    where: { id: String(conversationId), workspaceId: ctx.workspaceId },
    select: {
      id: true, status: true, language: true, tags: true, rating: true, ratingComment: true, ratedAt: true, handoffReason: true, closeReason: true,
      createdAt: true, lastMessageAt: true, closedAt: true, assignedUserId: true, closedByUserId: true, messageCount: true,
      bot: { select: { id: true, name: true } },
      department: { select: { id: true, name: true } },
      visitorSession: { select: { id: true, name: true, email: true, locale: true, referrer: true, searchPhrase: true, lastPage: true, fields: true, createdAt: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: TRANSCRIPT_MAX_MESSAGES,
        select: { id: true, role: true, text: true, internal: true, authorUserId: true, createdAt: true },
      },
    },
  });
  if (!c) throw new AppError("not_found", "Conversation not found.");
  const userIds = [c.assignedUserId, c.closedByUserId, ...c.messages.map((m) => m.authorUserId)].filter((id): id is string => Boolean(id));
  const names = await operatorIdentities(ctx.workspaceId, userIds);
  const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
  const { messages, visitorSession, assignedUserId, closedByUserId, ...rest } = c;
  return {
    ...rest,
    operatorName: nameOf(assignedUserId),
    closedByName: nameOf(closedByUserId),
    visitor: { ...visitorSession, fields: readFields(visitorSession.fields), lastPageUrl: readUrl(visitorSession.lastPage) },
    truncated: messages.length >= TRANSCRIPT_MAX_MESSAGES && c.messageCount > messages.length,
    messages: messages.map(
      (m): TTranscriptMessage => ({ id: m.id, role: m.role, text: m.text, internal: m.internal, authorName: nameOf(m.authorUserId), createdAt: m.createdAt }),
    ),
  };
}

function readFields(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function readUrl(raw: unknown): string | null {
  if (!raw || typeof raw !== "object" || !("url" in raw)) return null;
  return typeof raw.url === "string" ? raw.url : null;
}
