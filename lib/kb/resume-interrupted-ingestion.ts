import { db } from "../db/client";
import { activeIngestJobs, failIngestJob } from "../jobs/queue";
import { log } from "../log/logger";

/** A running ingestion touches its source row this often (`keepSourceAlive`). */
const HEARTBEAT_MS = 15_000;
/** No touch for this long: the worker that ran the job is gone. */
const STALE_AFTER_MS = 2 * 60_000;

/**
 * Hands ingestion jobs whose worker died (crash, kill, restart) back to pg-boss as failed
 * attempts, so they are retried within seconds instead of staying `active` until they
 * expire (15 minutes; pg-boss 10 has no heartbeat, decision 008). A job is orphaned when
 * - it started before the database last started: the embedded database lives and dies with
 *   the one server process, so after a restart every job that was running is an orphan (on
 *   an external server that restarted under live workers, a job may then run twice); or
 * - it has run for 2 minutes and its source was not touched for 2 minutes, although a
 *   running ingestion touches it every 15 s: on a shared server, a node that died.
 * Ingestion converges (content-hash skip), so a retry only redoes what was not written. A
 * job on its last attempt fails for good and its source says why: a source that kills its
 * worker every time must not take the server down in a loop.
 */
export async function resumeInterruptedIngestion(now = new Date()): Promise<number> {
  const active = await activeIngestJobs();
  if (active.length === 0) return 0;
  const sources = await db().dataSource.findMany({
    where: { id: { in: active.map((job) => job.data.sourceId) } },
    select: { id: true, workspaceId: true, updatedAt: true },
  });
  const touched = new Map(sources.map((s) => [`${s.workspaceId}/${s.id}`, s.updatedAt.getTime()]));
  const orphans = active.filter((job) => {
    if (job.startedBeforeDatabase) return true;
    const lastTouch = touched.get(`${job.data.workspaceId}/${job.data.sourceId}`) ?? 0;
    return now.getTime() - job.startedOn.getTime() > STALE_AFTER_MS && now.getTime() - lastTouch > STALE_AFTER_MS;
  });
  for (const job of orphans) {
    await failIngestJob(job.id, "Interrupted: its worker stopped (crash or restart)");
    await db().dataSource.updateMany({
      where: { id: job.data.sourceId, workspaceId: job.data.workspaceId, status: { in: ["queued", "processing"] } },
      data: job.lastAttempt
        ? { status: "failed", error: "Indexing was interrupted on every attempt (the worker crashed or restarted). Refresh the source to try again." }
        : { status: "queued", error: null },
    });
    log.warn(`Ingestion interrupted by a crash or restart: ${job.lastAttempt ? "no retries left, source failed" : "retrying"}`, { sourceId: job.data.sourceId, jobId: job.id });
  }
  return orphans.length;
}

/**
 * While an ingestion runs, its source's `updatedAt` moves every 15 s: the sign of life
 * `resumeInterruptedIngestion` (and `requeueStuckSources`) look for. Returns the stop call.
 */
export function keepSourceAlive(source: { id: string; workspaceId: string }): () => void {
  const timer = setInterval(() => {
    db()
      .dataSource.updateMany({ where: { id: source.id, workspaceId: source.workspaceId }, data: { updatedAt: new Date() } })
      .catch((error: unknown) => log.warn("Ingestion heartbeat failed", { sourceId: source.id, error: String(error) }));
  }, HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
