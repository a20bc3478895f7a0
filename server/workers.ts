import type PgBoss from "pg-boss";
import { log } from "../lib/log/logger";
import { ingestSource } from "../lib/kb/ingest-source";
import { resumeInterruptedIngestion } from "../lib/kb/resume-interrupted-ingestion";
import { scheduleRecrawls } from "../lib/kb/schedule-recrawls";
import { db } from "../lib/db/client";
import { jobQueue, QUEUES, type TIngestJob } from "../lib/jobs/queue";
import { runBillingSweep } from "../lib/billing/run-billing-sweep";
import { purgeExpiredConversations } from "../lib/conversations/purge-expired-conversations";

/**
 * Background workers of this node. Ingestion runs `concurrency` jobs at once; a job that
 * throws is retried by pg-boss with backoff, and only the last attempt marks the source
 * failed, with its reason, for the dashboard. Jobs a crash or restart left running are
 * handed back to the queue at start and every minute (resume-interrupted-ingestion.ts).
 */
export async function startWorkers(options: { concurrency: number }) {
  scheduleBillingSweep();
  const boss = await jobQueue();
  const tick = () => void scheduleRecrawls().catch((error: unknown) => log.error("Re-crawl scheduling failed", { error: String(error) }));
  setInterval(tick, 10 * 60 * 1000).unref();
  setTimeout(tick, 30_000).unref();
  const resume = () => resumeInterruptedIngestion().catch((error: unknown) => log.error("Resuming interrupted ingestion failed", { error: String(error) }));
  await resume();
  setInterval(() => void resume(), 60 * 1000).unref();
  setInterval(() => void purgeExpiredConversations().catch((error: unknown) => log.error("Conversation retention purge failed", { error: String(error) })), 60 * 60 * 1000).unref();
  for (let i = 0; i < options.concurrency; i++) {
    await boss.work<TIngestJob>(
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
        }
      },
    );
  }
}

/**
 * Plan renewals, renewal notices and expired ledger holds, every 5 minutes and once shortly
 * after start. Every node runs it; the sweep itself is safe against other nodes, and this
 * flag keeps one node from starting a sweep while its previous one still runs.
 */
function scheduleBillingSweep() {
  let running = false;
  const sweep = () => {
    if (running) return;
    running = true;
    runBillingSweep()
      .catch((error: unknown) => log.error("Billing sweep failed", { error: String(error) }))
      .finally(() => {
        running = false;
      });
  };
  setInterval(sweep, 5 * 60 * 1000).unref();
  setTimeout(sweep, 20_000).unref();
}
