import { randomBytes } from "node:crypto";
import { db } from "../db/client";
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
  // One statement (one round trip, one short implicit transaction): the message once per
  // clientMessageId, and the conversation's counters only when it was new.
  const id = messageId();
  const rows = await db().$queryRaw<TMessageRow[]>`
    WITH inserted AS (
      INSERT INTO messages (id, workspace_id, conversation_id, role, text, client_message_id, updated_at)
      VALUES (${id}, ${conversation.workspaceId}, ${conversation.id}, 'visitor', ${text}, ${clientMessageId}, now())
      ON CONFLICT (conversation_id, client_message_id) DO NOTHING
      RETURNING id, client_message_id AS "clientMessageId", role::text AS role, text, created_at AS "createdAt", status::text AS status, citations
    ), bumped AS (
      UPDATE conversations SET last_message_at = now(), message_count = message_count + 1
      WHERE id = ${conversation.id} AND EXISTS (SELECT 1 FROM inserted)
    )
    SELECT * FROM inserted`;
  if (rows[0]) return { message: toWidgetMessage(rows[0]), duplicate: false };
  const existing = await db().message.findUnique({ where: { conversationId_clientMessageId: { conversationId: conversation.id, clientMessageId } }, select: SELECT });
  if (!existing) throw new AppError("not_found", "Conversation not found.");
  return { message: toWidgetMessage(existing), duplicate: true };
}

/**
 * The widget's hot path in ONE statement: stores the visitor's message in the frame's
 * conversation unless it is closed (or gone), bumps the counters when the message is new,
 * and returns the conversation's status and assignee as of the insert. `stored: null` = the
 * conversation is closed; `duplicate` = a retry of a stored clientMessageId.
 */
export async function storeVisitorMessage(conversation: { id: string; workspaceId: string }, input: { text: unknown; clientMessageId: unknown }): Promise<TStored | null> {
  const text = typeof input.text === "string" ? input.text.trim() : "";
  const clientMessageId = typeof input.clientMessageId === "string" ? input.clientMessageId : "";
  if (!text) throw new AppError("validation_failed", "The message is empty.");
  if (text.length > WIDGET_LIMITS.messageMaxChars) throw new AppError("validation_failed", `At most ${WIDGET_LIMITS.messageMaxChars} characters.`);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) throw new AppError("validation_failed", "clientMessageId must be 8–64 letters, digits, - or _.");
  const stored = await new Promise<TStored | null | "duplicate">((resolve, reject) => {
    pending.push({ id: messageId(), conversationId: conversation.id, workspaceId: conversation.workspaceId, text, clientMessageId, resolve, reject });
    schedule();
  });
  if (stored !== "duplicate") return stored;
  const existing = await db().message.findUnique({ where: { conversationId_clientMessageId: { conversationId: conversation.id, clientMessageId } }, select: SELECT });
  const state = await db().conversation.findUnique({ where: { id: conversation.id }, select: { status: true, assignedUserId: true } });
  if (!existing || !state || state.status === "closed") throw new AppError("not_found", "Conversation not found.");
  return { message: toWidgetMessage(existing), duplicate: true, conversation: { status: state.status, assignedUserId: state.assignedUserId } };
}

type TStored = { message: TWidgetMessage; duplicate: boolean; conversation: { status: "bot" | "queued" | "assigned"; assignedUserId: string | null } };
type TPending = { id: string; conversationId: string; workspaceId: string; text: string; clientMessageId: string; resolve: (v: TStored | null | "duplicate") => void; reject: (e: unknown) => void };

/**
 * Group commit: visitor messages that arrive while earlier ones are being written go to the
 * database together, in one statement (one round trip, one WAL flush). Alone, a message is
 * written at once; under load the batches grow by themselves. At most MAX_WRITERS statements
 * are in flight, so pool connections stay free for everything else.
 */
const MAX_WRITERS = 2;
const MAX_BATCH = 200;
let pending: TPending[] = [];
let writers = 0;
let scheduled = false;

function schedule() {
  if (scheduled || writers >= MAX_WRITERS || !pending.length) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    while (writers < MAX_WRITERS && pending.length) {
      const batch = pending.slice(0, MAX_BATCH);
      pending = pending.slice(batch.length);
      writers++;
      void writeBatch(batch).finally(() => {
        writers--;
        schedule();
      });
    }
  });
}

async function writeBatch(batch: TPending[]) {
  try {
    const rows = await db().$queryRaw<(Partial<TMessageRow> & { requestId: string; conversationStatus: "bot" | "queued" | "assigned" | null; assignedUserId: string | null })[]>`
      WITH input AS (
        SELECT * FROM unnest(${batch.map((b) => b.id)}::text[], ${batch.map((b) => b.conversationId)}::text[], ${batch.map((b) => b.workspaceId)}::text[], ${batch.map((b) => b.text)}::text[], ${batch.map((b) => b.clientMessageId)}::text[])
          AS t(id, conversation_id, workspace_id, text, client_message_id)
      ), conv AS (
        SELECT c.id, c.status::text AS status, c.assigned_user_id FROM conversations c
        WHERE c.id IN (SELECT conversation_id FROM input) AND c.status <> 'closed'
          AND c.workspace_id = (SELECT i.workspace_id FROM input i WHERE i.conversation_id = c.id LIMIT 1)
      ), inserted AS (
        INSERT INTO messages (id, workspace_id, conversation_id, role, text, client_message_id, updated_at)
        SELECT input.id, input.workspace_id, input.conversation_id, 'visitor', input.text, input.client_message_id, now()
        FROM input JOIN conv ON conv.id = input.conversation_id ORDER BY input.id
        ON CONFLICT (conversation_id, client_message_id) DO NOTHING
        RETURNING id, client_message_id AS "clientMessageId", role::text AS role, text, created_at AS "createdAt", status::text AS status, citations
      ), bumped AS (
        UPDATE conversations c SET last_message_at = now(), message_count = c.message_count + n.count
        FROM (SELECT i.conversation_id, count(*)::int AS count FROM inserted JOIN input i ON i.id = inserted.id GROUP BY i.conversation_id) n
        WHERE c.id = n.conversation_id
      )
      SELECT input.id AS "requestId", inserted.*, conv.status AS "conversationStatus", conv.assigned_user_id AS "assignedUserId"
      FROM input LEFT JOIN conv ON conv.id = input.conversation_id LEFT JOIN inserted ON inserted.id = input.id`;
    const byRequest = new Map(rows.map((r) => [r.requestId, r]));
    for (const b of batch) {
      const row = byRequest.get(b.id);
      if (!row || !row.conversationStatus) b.resolve(null);
      else if (!row.id) b.resolve("duplicate");
      else b.resolve({ message: toWidgetMessage(row as TMessageRow), duplicate: false, conversation: { status: row.conversationStatus, assignedUserId: row.assignedUserId } });
    }
  } catch (error) {
    for (const b of batch) b.reject(error);
  }
}

let sequence = 0;
/** Ids in creation order like Prisma's cuid() (history is ordered by createdAt, then id). */
function messageId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `m${Date.now().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
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
