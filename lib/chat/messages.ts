import { db, Prisma } from "../db/client";
import { AppError } from "../errors/app-error";
import { operatorIdentities } from "../live-chat/operator-identity";
import { WIDGET_LIMITS, type TCitation, type TWidgetMessage } from "../widget/protocol";

type TMessageRow = {
  id: string; clientMessageId: string | null; role: "visitor" | "bot" | "operator" | "system"; text: string;
  createdAt: Date; status: "streaming" | "done" | "failed"; citations: unknown;
};

export function toWidgetMessage(m: TMessageRow, author: TWidgetMessage["author"] = null): TWidgetMessage {
  const citations = Array.isArray(m.citations)
    ? (m.citations as TCitation[]).map((c) => ({ n: c.n, title: c.title, url: c.url, sourceId: c.sourceId }))
    : [];
  return { id: m.id, clientMessageId: m.clientMessageId, role: m.role, text: m.text, createdAt: m.createdAt.toISOString(), status: m.status, citations, author };
}

const SELECT = { id: true, clientMessageId: true, role: true, text: true, createdAt: true, status: true, citations: true } as const;

/**
 * The latest messages the visitor may see (oldest first), or with `since` only those after
 * that message. Internal notes of the team are never part of it; operators' messages carry
 * their name and avatar.
 */
export async function listMessages(conversationId: string, since?: string): Promise<{ messages: TWidgetMessage[]; incremental: boolean }> {
  const anchor = since ? await db().message.findFirst({ where: { id: since, conversationId, internal: false }, select: { createdAt: true, id: true } }) : null;
  const rows = await db().message.findMany({
    where: {
      conversationId,
      internal: false,
      ...(anchor ? { OR: [{ createdAt: { gt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { gt: anchor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: WIDGET_LIMITS.historyMessages,
    select: { ...SELECT, workspaceId: true, authorUserId: true },
  });
  const authorIds = [...new Set(rows.map((m) => m.authorUserId).filter((id): id is string => Boolean(id)))];
  const authors = authorIds.length ? await operatorIdentities(rows[0]!.workspaceId, authorIds) : new Map<string, { name: string; avatarUrl: string | null }>();
  return {
    messages: rows.reverse().map((m) => {
      const author = m.authorUserId ? authors.get(m.authorUserId) : undefined;
      return toWidgetMessage(m, author ? { name: author.name, avatarUrl: author.avatarUrl } : null);
    }),
    incremental: Boolean(anchor),
  };
}

/**
 * Stores a visitor's message once per clientMessageId: a retry of the same send returns the
 * stored message with `duplicate: true` (the unique index decides, also across nodes).
 */
export async function addVisitorMessage(conversation: { id: string; workspaceId: string }, input: { text: unknown; clientMessageId: unknown }) {
  const text = typeof input.text === "string" ? input.text.trim() : "";
  const clientMessageId = typeof input.clientMessageId === "string" ? input.clientMessageId : "";
  if (!text) throw new AppError("validation_failed", "The message is empty.");
  if (text.length > WIDGET_LIMITS.messageMaxChars) throw new AppError("validation_failed", `At most ${WIDGET_LIMITS.messageMaxChars} characters.`);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) throw new AppError("validation_failed", "clientMessageId must be 8–64 letters, digits, - or _.");
  try {
    const [message] = await db().$transaction([
      db().message.create({ data: { workspaceId: conversation.workspaceId, conversationId: conversation.id, role: "visitor", text, clientMessageId }, select: SELECT }),
      db().conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: new Date(), messageCount: { increment: 1 } } }),
    ]);
    return { message: toWidgetMessage(message), duplicate: false };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db().message.findUnique({ where: { conversationId_clientMessageId: { conversationId: conversation.id, clientMessageId } }, select: SELECT });
      if (existing) return { message: toWidgetMessage(existing), duplicate: true };
    }
    throw error;
  }
}

/** The empty answer that deltas fill; the conversation's counters move when it is finished. */
export async function createBotMessage(conversation: { id: string; workspaceId: string }) {
  const message = await db().message.create({ data: { workspaceId: conversation.workspaceId, conversationId: conversation.id, role: "bot", text: "", status: "streaming" }, select: SELECT });
  return toWidgetMessage(message);
}

export async function finishBotMessage(id: string, input: { text: string; citations: (TCitation & { chunkId?: string })[]; status: "done" | "failed" }) {
  const message = await db().message.update({ where: { id }, data: { text: input.text, citations: input.citations, status: input.status }, select: { conversationId: true } });
  await db().conversation.update({ where: { id: message.conversationId }, data: { lastMessageAt: new Date(), messageCount: { increment: 1 } } });
}

/** Partial text of a streaming answer, so a reconnecting frame sees what was said so far. */
export async function saveBotProgress(id: string, text: string) {
  await db().message.updateMany({ where: { id, status: "streaming" }, data: { text } });
}

/** Answers left "streaming" by a process that died: mark them failed at start-up. */
export async function failAbandonedAnswers(olderThanMs = 2 * 60_000) {
  const result = await db().message.updateMany({
    where: { status: "streaming", updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
    data: { status: "failed" },
  });
  return result.count;
}

/** The conversation's earlier turns for the prompt (oldest first, without system notes). */
export async function historyFor(conversationId: string, excludeIds: string[], limit = 20) {
  const rows = await db().message.findMany({
    where: { conversationId, role: { in: ["visitor", "bot", "operator"] }, status: "done", internal: false, id: { notIn: excludeIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { role: true, text: true },
  });
  return rows.reverse().map((r) => ({ role: r.role as "visitor" | "bot" | "operator", text: r.text }));
}
