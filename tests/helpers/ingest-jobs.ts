import { jobQueue, QUEUES, type TIngestJob } from "@/lib/jobs/queue";
import { ingestSource } from "@/lib/kb/ingest-source";

/**
 * Runs every queued ingestion job in this process through the real queue (pg-boss on the
 * test database), the way a worker would, until none is left.
 */
export async function runQueuedIngestJobs() {
  const boss = await jobQueue();
  for (;;) {
    const [job] = await boss.fetch<TIngestJob>(QUEUES.ingestSource);
    if (!job) return;
    await ingestSource(job.data);
    await boss.complete(QUEUES.ingestSource, job.id);
  }
}
