/**
 * `npm run bench` (also `npx tsx scripts/bench/live-chat.ts`): visitor → operator message
 * latency and throughput of the live chat, side by side in one run.
 *
 * The servers run in child processes, never in this load generator's process:
 * - "one node": scripts/bench/live-chat-node.ts — the product's realtime path
 *   (`openDatabase(env())` on a fresh embedded PGlite DATA_DIR, `createRealtimeServer`:
 *   the real /widget and /operator namespaces), no Redis;
 * - "two nodes via Redis": two such nodes with REDIS_URL (Redis adapter); node A owns the
 *   DATA_DIR and has the operators, node B joins A's database over its socket and has the
 *   visitors, so every message crosses nodes through Redis;
 * - "bare relay": scripts/bench/live-chat-relay.ts — socket.io with the same events, payloads
 *   and emits per message, no database, no checks.
 * The first node creates a workspace with `--conversations` (500) visitor sessions whose
 * conversations are already assigned to `--operators` (50) operators, so visitor messages
 * go to the operators and never to the bot (lib/live-chat/route-visitor-message.ts).
 * Operators authenticate with console tokens minted here (NEXTAUTH_SECRET is set for the
 * children and this process alike).
 *
 * Load (socket.io-client, websocket transport, one connection per visitor and operator):
 * 1. fixed rate: every visitor sends `--rate` messages/s (default 0.2: a message every 5 s
 *    per visitor, 100 msgs/s over 500 conversations; faster than people type, and 60 % of
 *    the widget's own limit of 20 per minute per session), spread evenly; latency = visitor
 *    emit → the assigned operator receives `message:new` with that clientMessageId (same
 *    process clock). This is the p99 target's measurement (≤ 50 ms, 500 conversations, one node).
 * 2. saturating: every visitor keeps one message in flight (the next one leaves when the
 *    operator got the previous one), so delivered msgs/s is the server's capacity; the
 *    throughput target (≥ 0.6× the bare relay) uses these.
 * "CPU ms/msg" is the servers' CPU time (every thread, including the embedded database's
 * worker) per delivered message: on a shared 2-core machine it moves least with what else
 * runs. The children's warnings/errors are counted and summarised under the table.
 * The widget's own limits (60 connects/min per address, 20 messages/min per session) would
 * stop a load test from one address long before the server is busy, so the children run
 * with RATE_LIMIT_SCALE=1000: the limiter is still consulted for every connect and message.
 * Redis: BENCH_REDIS_URL or redis://127.0.0.1:6379/9 (a database of its own for the rate
 * counters; the rate-limit keys this run created are deleted afterwards). The scenario is
 * skipped when Redis does not answer. `--profile` writes .cpuprofile files of the product
 * nodes to a temp directory. JSON: bench/results/live-chat.json.
 *
 * The parts live in scripts/bench/live-chat/: children.ts (forking the servers, IPC, their
 * logs), data.ts (secrets, the seeded workspace, handshake auth), load.ts (sockets),
 * tracker.ts and phases.ts (the measurement), scenarios.ts (the run), report.ts (table,
 * targets, JSON), redis.ts; server-stats.ts is the servers' side of `stats`.
 */
import { toRows } from "./live-chat/phases";
import { DEFAULT_REDIS_URL } from "./live-chat/redis";
import { report } from "./live-chat/report";
import { prepareRun, runScenarios } from "./live-chat/scenarios";
import type { TConfig, TLiveChatOptions, TLiveChatRow } from "./live-chat/types";

export type { TLiveChatOptions, TLiveChatRow, TScenario } from "./live-chat/types";

export async function benchLiveChat(options: TLiveChatOptions = {}): Promise<TLiveChatRow[]> {
  const run = await prepareRun(resolveConfig(options));
  await runScenarios(run);
  const rows = toRows(run.phases, run.config.conversations);
  await report(run, rows);
  return rows;
}

function resolveConfig(options: TLiveChatOptions): TConfig {
  return {
    conversations: options.conversations ?? 500,
    operatorCount: options.operators ?? 50,
    rate: options.rate ?? 0.2,
    fixed: { warmup: (options.fixedWarmupSeconds ?? 3) * 1000, measure: (options.fixedSeconds ?? 15) * 1000 },
    saturate: { warmup: (options.saturateWarmupSeconds ?? 2) * 1000, measure: (options.saturateSeconds ?? 8) * 1000 },
    redisUrl: options.redisUrl === undefined ? (process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL) : options.redisUrl,
    wanted: new Set(options.scenarios ?? ["one", "two", "relay"]),
    profile: options.profile ?? false,
    traceSql: options.traceSql ?? false,
  };
}

function parseArgs(argv: string[]): TLiveChatOptions {
  const value = (name: string) => {
    const hit = argv.find((a) => a.startsWith(`--${name}=`));
    return hit ? Number(hit.slice(name.length + 3)) : undefined;
  };
  return {
    conversations: value("conversations"),
    operators: value("operators"),
    rate: value("rate"),
    fixedSeconds: value("fixed-seconds"),
    saturateSeconds: value("saturate-seconds"),
    redisUrl: argv.includes("--no-redis") ? null : undefined,
    profile: argv.includes("--profile"),
    traceSql: argv.includes("--trace-sql"),
    scenarios: argv.find((a) => a.startsWith("--scenarios="))?.slice(12).split(",") as TLiveChatOptions["scenarios"],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log("Bench: live chat (visitor → operator latency, msgs/s vs a bare socket.io relay)\n");
  benchLiveChat(parseArgs(process.argv.slice(2)))
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
