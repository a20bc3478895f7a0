import type PgBoss from "pg-boss";
import { log } from "../lib/log/logger";
import { ingestSource } from "../lib/kb/ingest-source";
import { resumeInterruptedIngestion } from "../lib/kb/resume-interrupted-ingestion";
import { scheduleRecrawls } from "../lib/kb/schedule-recrawls";
import { db } from "../lib/db/client";
import { jobQueue, QUEUES, registerIngestWorker, type TIngestJob } from "../lib/jobs/queue";
import { maintainEmbeddedDatabase } from "../lib/db/embedded/maintenance";
import { sweepVectorIndex } from "../lib/kb/vector-index";
import { runBillingSweep } from "../lib/billing/run-billing-sweep";
import { purgeExpiredConversations } from "../lib/conversations/purge-expired-conversations";

/**
 * Background workers of this node. Ingestion runs `concurrency` jobs at once; a job that
 * throws is retried by pg-boss with backoff, and only the last attempt marks the source
 * failed, with its reason, for the dashboard. Jobs a crash or restart left running are
 * handed back to the queue at start and every minute (resume-interrupted-ingestion.ts).
 */
export async function startWorkers(options: { concurrency: number; maintainEmbedded?: boolean }): Promise<{ stopTimers(): void }> {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, run: () => void) => timers.push(setInterval(run, ms).unref());
  const after = (ms: number, run: () => void) => timers.push(setTimeout(run, ms).unref());
  // Plan renewals, renewal notices and expired ledger holds.
  scheduleSweep("Billing sweep", runBillingSweep, 20_000, every, after);
  // The embedded engine has no autovacuum; its owner vacuums (decision 018).
  if (options.maintainEmbedded) scheduleSweep("Embedded database maintenance", maintainEmbeddedDatabase, 60_000, every, after);
  const boss = await jobQueue();
  const tick = () => void scheduleRecrawls().catch((error: unknown) => log.error("Re-crawl scheduling failed", { error: String(error) }));
  every(10 * 60 * 1000, tick);
  after(30_000, tick);
  const resume = () => resumeInterruptedIngestion().catch((error: unknown) => log.error("Resuming interrupted ingestion failed", { error: String(error) }));
  await resume();
  every(60 * 1000, () => void resume());
  every(60 * 60 * 1000, () => void purgeExpiredConversations().catch((error: unknown) => log.error("Conversation retention purge failed", { error: String(error) })));
  // Bots past the threshold move into the HNSW index; promotions a crash or shutdown
  // interrupted are resumed (lib/kb/vector-index.ts). A finished source checks its own bot at once.
  scheduleSweep("Vector index sweep", sweepVectorIndex, 5_000, every, after);
  for (let i = 0; i < options.concurrency; i++) {
    // pg-boss 10 polls: after a job it waits out the rest of `pollingIntervalSeconds` before
    // fetching again, so a worker took at most one job per second (66 uploaded files needed
    // 32.5 s while each took ~50 ms). Notifying the worker once a job is done makes it fetch
    // the next at once; only an empty fetch waits a polling interval (decision 008).
    // Set once `boss.work` resolves, which is before its first fetch can return a job.
    const worker = { id: "" };
    worker.id = await boss.work<TIngestJob>(
      QUEUES.ingestSource,
      { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
      async ([job]: PgBoss.JobWithMetadata<TIngestJob>[]) => {
        if (!job) return;
        try {
          await ingestSource(job.data);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const last = job.retryCount >= job.retryLimit;
          log.warn(`Ingestion failed${last ? "" : ", will retry"}`, { sourceId: job.data.sourceId, reason });
          await db().dataSource.updateMany({
            where: { id: job.data.sourceId, workspaceId: job.data.workspaceId },
            data: last ? { status: "failed", error: reason.slice(0, 500) } : { status: "queued", error: `Retrying: ${reason}`.slice(0, 500) },
          });
          throw error;
        } finally {
          if (worker.id) boss.notifyWorker(worker.id);
        }
      },
    );
    registerIngestWorker(worker.id);
  }
  // The workers themselves stop with the job queue (stopJobQueue).
  return { stopTimers: () => timers.forEach((timer) => clearTimeout(timer)) };
}

type TSchedule = (ms: number, run: () => void) => void;

/**
 * A sweep every 5 minutes and once `firstAfterMs` after start. Every node runs it (each sweep
 * is safe against other nodes); the flag keeps this node from starting one while its previous
 * one still runs.
 */
function scheduleSweep(name: string, run: () => Promise<unknown>, firstAfterMs: number, every: TSchedule, after: TSchedule) {
  let running = false;
  const sweep = () => {
    if (running) return;
    running = true;
    run()
      .catch((error: unknown) => log.error(`${name} failed`, { error: String(error) }))
      .finally(() => {
        running = false;
      });
  };
  every(5 * 60 * 1000, sweep);
  after(firstAfterMs, sweep);
}
