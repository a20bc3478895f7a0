import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseConfig, db } from "../db/client";
import { AppError } from "../errors/app-error";
import { log } from "../log/logger";
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
 * How far before the anchor a re-sync reaches back. A message's createdAt is its writing
 * transaction's start; on a multi-session PostgreSQL a message written just before the anchor
 * may commit after it, so "newer than the anchor" alone could skip it for good. Every writer
 * of messages runs far shorter than this (interactive transactions time out at 15 s), and both
 * clients merge what they get by id, so the overlap only costs a few repeated rows.
 */
export const RESYNC_OVERLAP_MS = 30_000;

/** The where clause of a re-sync from an anchor message (nothing when there is none). */
export function resyncAfter(anchor: { createdAt: Date } | null) {
  return anchor ? { createdAt: { gt: new Date(anchor.createdAt.getTime() - RESYNC_OVERLAP_MS) } } : {};
}

/**
 * The latest messages the visitor may see (oldest first), or with `since` only those after
 * that message (and those written shortly before it: RESYNC_OVERLAP_MS). Internal notes of the team are never part of it; operators' messages carry
 * their name and avatar.
 */
export async function listMessages(conversationId: string, since?: string): Promise<{ messages: TWidgetMessage[]; incremental: boolean }> {
  const anchor = since ? await db().message.findFirst({ where: { id: since, conversationId, internal: false }, select: { createdAt: true } }) : null;
  const rows = await db().message.findMany({
    where: { conversationId, internal: false, ...resyncAfter(anchor) },
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
 * A visitor message's text and clientMessageId, checked (validation_failed otherwise). NUL
 * cannot be stored (PostgreSQL text) and is dropped, as for every outside input
 * (lib/validation/without-nul.ts); lone UTF-16 surrogates become U+FFFD, as the database
 * stores them, so what is echoed equals what is stored.
 */
function visitorMessageInput(input: { text: unknown; clientMessageId: unknown }): { text: string; clientMessageId: string } {
  const text = typeof input.text === "string" ? input.text.replace(/\u0000/g, "").toWellFormed().trim() : "";
  const clientMessageId = typeof input.clientMessageId === "string" ? input.clientMessageId : "";
  if (!text) throw new AppError("validation_failed", "The message is empty.");
  if (text.length > WIDGET_LIMITS.messageMaxChars) throw new AppError("validation_failed", `At most ${WIDGET_LIMITS.messageMaxChars} characters.`);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) throw new AppError("validation_failed", "clientMessageId must be 8–64 letters, digits, - or _.");
  return { text, clientMessageId };
}

/**
 * Stores a visitor's message once per clientMessageId: a retry of the same send returns the
 * stored message with `duplicate: true` (the unique index decides, also across nodes).
 */
export async function addVisitorMessage(conversation: { id: string; workspaceId: string }, input: { text: unknown; clientMessageId: unknown }) {
  const { text, clientMessageId } = visitorMessageInput(input);
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
  const { text, clientMessageId } = visitorMessageInput(input);
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

type TBatchRow = { requestId: string; id: string | null; createdAt: Date | null; conversationStatus: "bot" | "queued" | "assigned" | null; assignedUserId: string | null };

async function writeBatch(batch: TPending[]) {
  try {
    const values = [batch.map((b) => b.id), batch.map((b) => b.conversationId), batch.map((b) => b.workspaceId), batch.map((b) => b.text), batch.map((b) => b.clientMessageId)];
    const rows = await runPrepared(values);
    const byRequest = new Map(rows.map((r) => [r.requestId, r]));
    for (const b of batch) {
      const row = byRequest.get(b.id);
      if (!row || !row.conversationStatus) b.resolve(null);
      else if (!row.id) b.resolve("duplicate");
      else {
        // Inserted as sent, with the columns' defaults (status done, no citations): only id and time come back.
        const message = toWidgetMessage({ id: row.id, clientMessageId: b.clientMessageId, role: "visitor", text: b.text, createdAt: row.createdAt!, status: "done", citations: [] });
        b.resolve({ message, duplicate: false, conversation: { status: row.conversationStatus, assignedUserId: row.assignedUserId } });
      }
    }
  } catch (error) {
    for (const b of batch) b.reject(error);
  }
}

/**
 * The batch statement (no ORDER BY on the insert: history is ordered by createdAt and id, not
 * by the heap, and the sort showed up in the statement's CPU per message on PGlite).
 * A conversation counts only in the workspace its message was sent for
 * (conversation id AND workspace id match) and never when it is closed.
 *
 * The batch's conversations are locked first, in id order (`conv`). The counter UPDATE alone
 * locked them in the order of its plan's hash aggregate, which differs between batches of
 * different sizes: two batches in flight at once (two writers, or two nodes on one
 * PostgreSQL) then deadlocked on shared conversations, and every message of the losing batch
 * failed (tests/integration/live-chat/native-postgres-races.test.ts). The lock also makes a
 * conversation closed meanwhile refuse the message: the row is re-read once it is free.
 *
 * `last_message_at` moves only once it is 5 seconds old (`message_count` counts every
 * message). The column is indexed for the dashboard's list, so changing it makes the row
 * update write a new entry into each of the table's five indexes; left as it is, the update
 * can stay on its heap page (a HOT update). In a busy chat that is most messages, and it
 * raised the live-chat bench's saturated throughput by about 15 % (decision 015). The arrays are bound
 * parameters of any length, so every batch size runs the same prepared statement.
 * `created_at` is a UTC timestamp without zone; it is returned as timestamptz so
 * node-postgres reads it as UTC whatever the process's time zone.
 */
const STORE_BATCH_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, conversation_id, workspace_id, text, client_message_id)
  ), conv AS (
    SELECT c.id, c.workspace_id, c.status::text AS status, c.assigned_user_id FROM conversations c
    WHERE (c.id, c.workspace_id) IN (SELECT conversation_id, workspace_id FROM input) AND c.status <> 'closed'
    ORDER BY c.id
    FOR NO KEY UPDATE
  ), inserted AS (
    INSERT INTO messages (id, workspace_id, conversation_id, role, text, client_message_id, updated_at)
    SELECT input.id, input.workspace_id, input.conversation_id, 'visitor', input.text, input.client_message_id, now()
    FROM input JOIN conv ON conv.id = input.conversation_id AND conv.workspace_id = input.workspace_id
    ON CONFLICT (conversation_id, client_message_id) DO NOTHING
    RETURNING id, created_at AT TIME ZONE 'UTC' AS "createdAt"
  ), bumped AS (
    UPDATE conversations c SET last_message_at = CASE WHEN c.last_message_at >= now() - interval '5 seconds' THEN c.last_message_at ELSE now() END, message_count = c.message_count + n.count
    FROM (SELECT i.conversation_id, count(*)::int AS count FROM inserted JOIN input i ON i.id = inserted.id GROUP BY i.conversation_id) n
    WHERE c.id = n.conversation_id
  )
  SELECT input.id AS "requestId", inserted.*, conv.status AS "conversationStatus", conv.assigned_user_id AS "assignedUserId"
  FROM input LEFT JOIN conv ON conv.id = input.conversation_id AND conv.workspace_id = input.workspace_id LEFT JOIN inserted ON inserted.id = input.id`;

/**
 * The group-commit writers' own connections (at most MAX_WRITERS) beside Prisma's pool, each
 * with the batch statement prepared on it (a named statement). Parsing and planning this CTE
 * cost more CPU than running it for one message (embedded PGlite: about 4 ms unprepared,
 * under 2 ms prepared), and a plain node-postgres query skips Prisma's per-query work
 * (about 0.6 ms). Same database and connection settings as Prisma (lib/db/client.ts
 * `databaseConfig`); a new pool when the process is configured for another database (tests).
 *
 * - Names are unique per connection: embedded PGlite is ONE PostgreSQL session shared by
 *   every connection (and by a second node joined over its socket), so prepared statements
 *   of all connections share one namespace there.
 * - The statement is prepared anew every PREPARED_MAX_AGE_MS under a new name and the old one
 *   deallocated: a cached generic plan is only replanned on invalidation, and PGlite has no
 *   autovacuum/analyze to cause one, so the plan follows the tables' growth this way.
 * - Connections stay open (idle ones never keep the process alive); one the database dropped
 *   is replaced by the pool.
 */
const PREPARED_MAX_AGE_MS = 5 * 60_000;

type TWriterConnection = { name: string; generation: number; preparedAt: number };
let writer: { config: pg.PoolConfig; pool: pg.Pool; connections: WeakMap<pg.PoolClient, TWriterConnection> } | undefined;
let writerSeq = 0;

function writerPool() {
  const config = databaseConfig();
  if (writer?.config !== config) {
    const previous = writer?.pool;
    const pool = new pg.Pool({ ...config, max: MAX_WRITERS, idleTimeoutMillis: 0, allowExitOnIdle: true });
    pool.on("error", (error) => log.info("Visitor-message writer connection closed", { error: String(error) }));
    writer = { config, pool, connections: new WeakMap() };
    void previous?.end().catch(() => undefined);
  }
  return writer;
}

async function runPrepared(values: string[][]): Promise<TBatchRow[]> {
  const { pool, connections } = writerPool();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    let connection = connections.get(client);
    if (!connection) {
      connection = { name: `cw_store_visitor_${process.pid}_${++writerSeq}_${randomBytes(4).toString("hex")}`, generation: 0, preparedAt: Date.now() };
      connections.set(client, connection);
    } else if (Date.now() - connection.preparedAt > PREPARED_MAX_AGE_MS) {
      await client.query(`DEALLOCATE ${connection.name}_${connection.generation}`).catch(() => undefined);
      connection.generation++;
      connection.preparedAt = Date.now();
    }
    const { rows } = await client.query<TBatchRow>({ name: `${connection.name}_${connection.generation}`, text: STORE_BATCH_SQL, values });
    return rows;
  } catch (error) {
    // A failed statement leaves the connection usable; a lost one is dropped from the pool.
    if (!(error instanceof pg.DatabaseError)) broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Ids in creation order like Prisma's cuid() (history is ordered by createdAt, then id), with
 * 48 random bits from a pooled buffer: one randomBytes call per 512 ids instead of one per id
 * (a synchronous call into OpenSSL that showed up in the hot path's profile).
 */
let sequence = 0;
let entropy = Buffer.alloc(0);
let entropyAt = 0;
function messageId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  if (entropyAt + 6 > entropy.length) {
    entropy = randomBytes(6 * 512);
    entropyAt = 0;
  }
  const random = entropy.toString("hex", entropyAt, entropyAt + 6);
  entropyAt += 6;
  return `m${Date.now().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(4, "0")}${random}`;
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
