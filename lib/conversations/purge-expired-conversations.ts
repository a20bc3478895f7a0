import { db } from "../db/client";
import { log } from "../log/logger";

const BATCH = 200;
/** Batches per run; whatever is left waits for the next hourly run. */
const MAX_BATCHES = 50;

export type TPurgeReport = { conversations: number; visitorSessions: number };

/**
 * Deletes conversations (messages cascade) whose last activity is older than their
 * workspace's retentionDays, and visitor sessions left without any conversation, in small
 * batches so no long lock holds the tables (server/workers.ts, hourly). Several nodes may
 * run it at once: deletes of rows already gone simply count zero. Each workspace gets an
 * audit entry with the number it lost.
 */
export async function purgeExpiredConversations(options: { now?: Date; batchSize?: number; maxBatches?: number } = {}): Promise<TPurgeReport> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? BATCH;
  const report: TPurgeReport = { conversations: 0, visitorSessions: 0 };
  const perWorkspace = new Map<string, number>();
  for (let i = 0; i < (options.maxBatches ?? MAX_BATCHES); i++) {
    const expired = await db().$queryRaw<{ id: string; workspace_id: string; visitor_session_id: string }[]>`
      SELECT c.id, c.workspace_id, c.visitor_session_id FROM conversations c JOIN workspaces w ON w.id = c.workspace_id
      WHERE c.last_message_at < ${now}::timestamp - make_interval(days => w.retention_days)
      ORDER BY c.last_message_at LIMIT ${batchSize}`;
    if (!expired.length) break;
    const { count } = await db().conversation.deleteMany({ where: { id: { in: expired.map((c) => c.id) } } });
    report.conversations += count;
    for (const c of expired) perWorkspace.set(c.workspace_id, (perWorkspace.get(c.workspace_id) ?? 0) + 1);
    const sessions = await db().visitorSession.deleteMany({
      where: { id: { in: [...new Set(expired.map((c) => c.visitor_session_id))] }, conversations: { none: {} } },
    });
    report.visitorSessions += sessions.count;
    if (expired.length < batchSize) break;
  }
  if (perWorkspace.size) {
    await db().auditLog.createMany({
      data: [...perWorkspace].map(([workspaceId, count]) => ({ workspaceId, action: "conversations.purged", targetType: "conversation", data: { count, reason: "retention" } })),
    });
    log.info("Expired conversations purged", report);
  }
  return report;
}
