/** The live-chat bench's output: the table, the targets, the notes and bench/results/live-chat.json. */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { serverLogNotes } from "./children";
import type { TRun } from "./scenarios";
import { RATE_LIMIT_SCALE, TEXT, type TConfig, type TLiveChatRow } from "./types";

const RESULTS_FILE = path.resolve("bench/results/live-chat.json");
const TARGETS = { p99Ms: 50, throughputVsRelay: 0.6 };

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");

/** Prints everything and writes the JSON. */
export async function report(run: TRun, rows: TLiveChatRow[]) {
  printTable(rows);
  const targets = checkTargets(rows, run.config);
  const loadAfter = loadavg()[0]!;
  printNotes(run, loadAfter);
  if (run.config.traceSql) printSqlTrace(run);
  if (run.profileDir) console.log(`  CPU profiles of the product nodes: ${run.profileDir}`);
  const seconds = (performance.now() - run.benchStart) / 1000;
  console.log(`  bench ran ${f(seconds, 0)} s`);
  await writeResults(run, rows, targets, loadAfter, seconds);
}

function printTable(rows: TLiveChatRow[]) {
  console.table(
    rows.map((r) => ({
      scenario: r.scenario,
      load: r.load === "fixed rate" ? `fixed ${f(r.offeredPerSec!, 0)}/s` : "saturating",
      "msgs/s": f(r.deliveredPerSec, 0),
      "p50 ms": f(r.p50Ms),
      "p95 ms": f(r.p95Ms),
      "p99 ms": f(r.p99Ms),
      "vs bare relay": r.vsRelay === null ? "–" : `${f(r.vsRelay, 2)}×`,
      "lost/errors": `${r.lost}/${r.ackErrors}`,
      "server CPU %": f(r.serverCpuPct, 0),
      "CPU ms/msg": f(r.serverCpuMsPerMsg, 2),
      "client CPU %": f(r.clientCpuPct, 0),
    })),
  );
}

type TTargets = ReturnType<typeof checkTargets>;

/** p99 at the fixed rate on one node, and saturating throughput of one node vs the bare relay; printed. */
function checkTargets(rows: TLiveChatRow[], config: TConfig) {
  const oneFixed = rows.find((r) => r.scenario === "one node" && r.load === "fixed rate");
  const oneMax = rows.find((r) => r.scenario === "one node" && r.load === "saturating");
  const relayFixed = rows.find((r) => r.scenario === "bare relay" && r.load === "fixed rate");
  const relayMax = rows.find((r) => r.scenario === "bare relay" && r.load === "saturating");
  const targets = {
    p99: {
      targetMs: TARGETS.p99Ms, measuredMs: oneFixed?.p99Ms ?? null, met: oneFixed ? oneFixed.p99Ms <= TARGETS.p99Ms && oneFixed.lost === 0 : false,
      /** The bare relay's p99 under the same load: what the machine and the client add by themselves. */
      relayP99Ms: relayFixed?.p99Ms ?? null,
    },
    throughput: { target: TARGETS.throughputVsRelay, measured: oneMax?.vsRelay ?? null, cpuVsRelay: oneMax?.cpuVsRelay ?? null, met: (oneMax?.vsRelay ?? 0) >= TARGETS.throughputVsRelay },
  };
  console.log(`\nTarget p99 ≤ ${TARGETS.p99Ms} ms (one node, ${config.conversations} conversations, fixed ${f(config.rate * config.conversations, 0)} msgs/s): ${f(targets.p99.measuredMs ?? Number.NaN)} ms → ${targets.p99.met ? "met" : "MISSED"} (bare relay, same load: ${f(targets.p99.relayP99Ms ?? Number.NaN)} ms)`);
  console.log(
    `Target throughput ≥ ${TARGETS.throughputVsRelay}× bare relay (saturating, one node): ${f(targets.throughput.measured ?? Number.NaN, 2)}× → ${targets.throughput.met ? "met" : "MISSED"}` +
      ` (server CPU per message: ${f(oneMax?.serverCpuMsPerMsg ?? Number.NaN, 2)} ms vs the relay's ${f(relayMax?.serverCpuMsPerMsg ?? Number.NaN, 2)} ms = ${f(oneMax?.cpuVsRelay ?? Number.NaN, 2)}×)`,
  );
  return targets;
}

/** Adds the machine, the durations and the servers' logs to the run's notes, and prints them all. */
function printNotes(run: TRun, loadAfter: number) {
  run.notes.push(`machine: ${cpus().length} cores, load average ${f(run.loadBefore)} before, ${f(loadAfter)} after (other processes compete for the cores: compare rows of one run; "CPU ms/msg" depends least on it)`);
  run.notes.push(`durations ms: ${Object.entries(run.timings).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  run.notes.push(...serverLogNotes());
  for (const note of run.notes) console.log(`  ${note}`);
}

/** `--trace-sql`: statements per delivered message, per phase and server. */
function printSqlTrace(run: TRun) {
  for (const { scenario, phase } of run.phases) {
    const delivered = Math.max(1, phase.tracker.deliveredInWindow);
    phase.servers.forEach((stats, i) => {
      if (!stats.sql) return;
      console.log(`\n  SQL, ${scenario}, ${phase.load}, server ${i}: ${(stats.sql.statements / delivered).toFixed(2)} statements per delivered message, ${(stats.sql.ms / delivered).toFixed(1)} ms summed statement time per message`);
      for (const e of stats.sql.top.slice(0, 12)) console.log(`    ${(e.count / delivered).toFixed(2)}×  ${(e.ms / e.count).toFixed(2)} ms  ${e.sql}`);
    });
  }
}

async function writeResults(run: TRun, rows: TLiveChatRow[], targets: TTargets, loadAfter: number, seconds: number) {
  const { config, phases } = run;
  const result = {
    started: run.started,
    node: process.version,
    cpus: cpus().length,
    config: {
      conversations: config.conversations, operators: config.operatorCount, ratePerConversation: config.rate, fixedMs: config.fixed, saturateMs: config.saturate,
      redisUrl: config.redisUrl, rateLimitScale: RATE_LIMIT_SCALE, text: TEXT,
    },
    targets,
    rows,
    notes: run.notes,
    timingsMs: run.timings,
    loadAverage: { before: run.loadBefore, after: loadAfter },
    sql: config.traceSql ? phases.map(({ scenario, phase }) => ({ scenario, load: phase.load, delivered: phase.tracker.deliveredInWindow, servers: phase.servers.map((st) => st.sql ?? null) })) : undefined,
    seconds,
  };
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, JSON.stringify(result, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}
