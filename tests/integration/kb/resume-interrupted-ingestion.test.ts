import { afterAll, describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { jobQueue, QUEUES, stopJobQueue, type TIngestJob } from "@/lib/jobs/queue";
import { resumeInterruptedIngestion } from "@/lib/kb/resume-interrupted-ingestion";
import { createSource, getSource } from "@/lib/kb/sources";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { runQueuedIngestJobs } from "../../helpers/ingest-jobs";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The rule for jobs a dead worker left `active` on a shared database (several nodes): only a
 * job whose source has shown no sign of life for two minutes is handed back; a running one is
 * left alone. The restart case (job older than the database) runs end to end in
 * restart-during-ingestion.test.ts.
 */
useTestDatabase();

afterAll(async () => {
  await stopJobQueue();
});

async function claimJob(sourceId: string) {
  const boss = await jobQueue();
  const [job] = await boss.fetch<TIngestJob>(QUEUES.ingestSource);
  expect(job?.data.sourceId).toBe(sourceId);
  return job!.id;
}

async function jobState(id: string) {
  const [row] = await db().$queryRaw<{ state: string }[]>`SELECT state::text AS state FROM pgboss.job WHERE id = ${id}::uuid`;
  return row?.state;
}

describe("resuming interrupted ingestion", () => {
  it("hands back a job whose source went silent for two minutes and leaves a live one running", async () => {
    const { ctx } = await createOwnerWithWorkspace("Silent Node");
    const bot = await createBot(ctx, { name: "S" });
    const source = await createSource(ctx, bot.id, { type: "text", title: "T", content: "Unsere Werkstatt repariert Räder innerhalb von 48 Stunden." });
    const jobId = await claimJob(source.id);
    await db().dataSource.update({ where: { id: source.id }, data: { status: "processing" } });

    // Three minutes later: running all that time, and its source was touched ten seconds ago.
    const later = new Date(Date.now() + 3 * 60_000);
    expect(await resumeInterruptedIngestion()).toBe(0);
    await db().dataSource.update({ where: { id: source.id }, data: { updatedAt: new Date(later.getTime() - 10_000) } });
    expect(await resumeInterruptedIngestion(later)).toBe(0);
    expect(await jobState(jobId)).toBe("active");

    // No sign of life for three minutes: its worker is gone.
    await db().dataSource.update({ where: { id: source.id }, data: { updatedAt: new Date() } });
    expect(await resumeInterruptedIngestion(later)).toBe(1);
    expect(await jobState(jobId)).toBe("retry");
    expect(await getSource(ctx, bot.id, source.id)).toMatchObject({ status: "queued" });

    await db().$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE id = ${jobId}::uuid`;
    await runQueuedIngestJobs();
    expect(await getSource(ctx, bot.id, source.id)).toMatchObject({ status: "ready", documentCount: 1 });
  });

  it("a job interrupted on its last attempt fails its source with the reason instead of running again", async () => {
    const { ctx } = await createOwnerWithWorkspace("Crash Loop");
    const bot = await createBot(ctx, { name: "C" });
    const source = await createSource(ctx, bot.id, { type: "text", title: "T", content: "Ersatzteile halten wir vorrätig." });
    const jobId = await claimJob(source.id);
    await db().dataSource.update({ where: { id: source.id }, data: { status: "processing" } });
    await db().$executeRaw`UPDATE pgboss.job SET retry_count = retry_limit WHERE id = ${jobId}::uuid`;

    expect(await resumeInterruptedIngestion(new Date(Date.now() + 3 * 60_000))).toBe(1);
    expect(await jobState(jobId)).toBe("failed");
    const failed = await getSource(ctx, bot.id, source.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/interrupted/);
  });
});
