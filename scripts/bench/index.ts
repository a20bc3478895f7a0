/**
 * `npm run bench`: runs the benches side by side and prints tables; JSON goes to
 * bench/results/<name>.json. Ratios within one run matter; absolute times are noisy.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { benchBilling } from "./billing";
import { benchDatabasePath } from "./database-path";
import { benchLiveChat } from "./live-chat";
import { benchRetrieval } from "./retrieval";
import { benchWidget } from "./widget";

const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function main() {
  const started = new Date().toISOString();
  console.log("Bench: embedded database path (2,000 users, lookup by email)\n");
  const db = await benchDatabasePath();
  const base = db[0]!;
  console.table(
    db.map((r) => ({
      path: r.name,
      "p50 ms": fmt(r.p50Ms, 3),
      "p95 ms": fmt(r.p95Ms, 3),
      "ops/s (20 callers)": fmt(r.opsPerSec, 0),
      "vs in-process": `${fmt(r.opsPerSec / base.opsPerSec)}×`,
      "max main-thread stall ms": fmt(r.maxLoopDelayMs, 1),
    })),
  );
  const out = path.resolve("bench/results");
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "database-path.json"), JSON.stringify({ started, node: process.version, results: db }, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(out, "database-path.json"))}`);

  console.log("");
  await benchRetrieval({ large: process.argv.includes("--large") || process.argv.includes("--rebuild-large"), rebuildLarge: process.argv.includes("--rebuild-large") });

  console.log("\nBench: widget (bundle sizes, time to first answer token, pipeline overhead)\n");
  await benchWidget();

  console.log("\nBench: billing (webhook throughput with idempotency, debit latency under concurrency)\n");
  await benchBilling();

  console.log("\nBench: live chat (visitor → operator latency, msgs/s vs a bare socket.io relay)\n");
  await benchLiveChat();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
