import { afterAll, describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { createSource } from "@/lib/kb/sources";
import { startWorkers } from "@/server/workers";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The real ingestion workers (server/workers.ts) on the real queue: pg-boss 10 polls, and a
 * worker used to wait out its 1-second polling interval after every job, so N small sources
 * took at least N seconds at concurrency 1 (66 uploaded files: 32.5 s). A worker is now
 * notified after each job (and when a job is queued on this node) and fetches the next at
 * once. 20 jobs well under 10 s leaves room for a loaded machine; the old code needed ≥ 19 s.
 */
useTestDatabase();

let stopTimers: (() => void) | undefined;

afterAll(async () => {
  stopTimers?.();
  await stopJobQueue();
});

const SOURCES = 20;

describe("ingestion queue throughput", () => {
  it(`runs ${SOURCES} queued small sources through one worker far faster than one per second`, async () => {
    const { ctx } = await createOwnerWithWorkspace("Queue Bikes");
    const bot = await createBot(ctx, { name: "Queue" });
    for (let i = 0; i < SOURCES; i++) {
      await createSource(ctx, bot.id, { type: "text", title: `Note ${i}`, content: `Spare part ${i} for the K${i} cargo bike ships within ${i + 1} days.` });
    }

    const started = Date.now();
    ({ stopTimers } = await startWorkers({ concurrency: 1 }));
    await expect
      .poll(() => db().dataSource.count({ where: { botId: bot.id, status: "ready" } }), { timeout: 20_000, interval: 100 })
      .toBe(SOURCES);
    const seconds = (Date.now() - started) / 1000;

    expect(seconds).toBeLessThan(10);
    const sources = await db().dataSource.findMany({ where: { botId: bot.id }, select: { documentCount: true, chunkCount: true } });
    expect(sources.every((s) => s.documentCount === 1 && s.chunkCount === 1)).toBe(true);
  });
});
