/**
 * A stand-in for the server's background part, run as its own process by
 * restart-during-ingestion.test.ts: opens the database of DATA_DIR (embedded, owning it
 * like `npm start` does), starts the real ingestion workers (server/workers.ts) and prints
 * `worker-ready`. SIGTERM stops it cleanly; the test SIGKILLs it to simulate a crash.
 */
import { env } from "../../../lib/config/env";
import { openDatabase } from "../../../lib/db/open-database";
import { stopJobQueue } from "../../../lib/jobs/queue";
import { startWorkers } from "../../../server/workers";

async function main() {
  const database = await openDatabase(env());
  if (database.kind !== "embedded" || !database.ownsEmbedded) throw new Error("The worker process must own the embedded database");
  await startWorkers({ concurrency: 1 });
  process.stdout.write("worker-ready\n");
  process.once("SIGTERM", () => {
    void (async () => {
      await stopJobQueue();
      await database.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
