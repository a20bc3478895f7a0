import { db } from "../db/client";
import { enqueueIngest } from "../jobs/queue";

const INTERVAL_MS = { daily: 24 * 60 * 60 * 1000, weekly: 7 * 24 * 60 * 60 * 1000 } as const;

/**
 * Queues website sources whose daily or weekly re-crawl is due. The conditional status
 * update lets exactly one node claim a source even when several run this at once.
 */
export async function scheduleRecrawls(now = new Date()): Promise<number> {
  let queued = 0;
  for (const [schedule, interval] of Object.entries(INTERVAL_MS)) {
    const due = await db().dataSource.findMany({
      where: { type: "url", schedule, status: { in: ["ready", "failed"] }, lastRunAt: { lt: new Date(now.getTime() - interval) } },
      select: { id: true, workspaceId: true },
      take: 100,
    });
    for (const source of due) {
      const claimed = await db().dataSource.updateMany({
        where: { id: source.id, status: { in: ["ready", "failed"] } },
        data: { status: "queued" },
      });
      if (claimed.count === 1) {
        await enqueueIngest({ workspaceId: source.workspaceId, sourceId: source.id });
        queued++;
      }
    }
  }
  return queued + (await requeueStuckSources(now));
}

const STUCK_AFTER_MS = 30 * 60 * 1000;

/**
 * A source left queued or processing for 30 minutes lost its job (an enqueue that failed
 * after the row was written, or retries exhausted by crashes): queue it again. Ingestion
 * converges, so a rare duplicate run only costs time.
 */
export async function requeueStuckSources(now = new Date()): Promise<number> {
  const stuck = await db().dataSource.findMany({
    where: { status: { in: ["queued", "processing"] }, updatedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } },
    select: { id: true, workspaceId: true, updatedAt: true },
    take: 100,
  });
  let requeued = 0;
  for (const source of stuck) {
    const claimed = await db().dataSource.updateMany({
      where: { id: source.id, updatedAt: source.updatedAt },
      data: { status: "queued", error: null },
    });
    if (claimed.count === 1) {
      await enqueueIngest({ workspaceId: source.workspaceId, sourceId: source.id });
      requeued++;
    }
  }
  return requeued;
}
