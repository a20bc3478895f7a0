/**
 * The two load phases of every scenario (fixed rate, saturating) and their result rows.
 */
import { performance } from "node:perf_hooks";
import { percentile } from "../retrieval-metrics";
import { sleep, type TLoad } from "./load";
import type { TNodeStats } from "./server-stats";
import { Tracker } from "./tracker";
import type { TLiveChatRow, TScenario } from "./types";

export type TPhase = {
  load: TLiveChatRow["load"];
  offeredPerSec: number | null;
  tracker: Tracker;
  seconds: number;
  servers: TNodeStats[];
  clientCpuPct: number;
};

async function measureWindow(load: TLoad, tracker: Tracker, warmupMs: number, measureMs: number) {
  await sleep(warmupMs);
  await Promise.all(load.servers.map((s) => s.stats()));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  tracker.windowStart = t0;
  await sleep(measureMs);
  tracker.windowEnd = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const servers = await Promise.all(load.servers.map((s) => s.stats()));
  const seconds = (tracker.windowEnd - t0) / 1000;
  return { seconds, servers, clientCpuPct: ((cpu.user + cpu.system) / 1e6 / seconds) * 100 };
}

/** Waits until every message sent in the phase arrived (or was refused), at most `timeoutMs`. */
async function drain(tracker: Tracker, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  while (tracker.sent.size > 0 && performance.now() < deadline) await sleep(50);
}

/** Every visitor sends `rate` messages per second, spread evenly over all of them. */
export async function fixedRatePhase(load: TLoad, rate: number, warmupMs: number, measureMs: number): Promise<TPhase> {
  const tracker = new Tracker(load.visitors);
  load.current.tracker = tracker;
  const n = load.visitors.length;
  const perSecond = rate * n;
  const start = performance.now();
  let running = true;
  let scheduled = 0;
  const tick = () => {
    if (!running) return;
    const due = Math.floor(((performance.now() - start) * perSecond) / 1000);
    while (scheduled < due) tracker.send(scheduled++ % n);
    setTimeout(tick, 1);
  };
  tick();
  const window = await measureWindow(load, tracker, warmupMs, measureMs);
  running = false;
  await drain(tracker);
  load.current.tracker = null;
  return { load: "fixed rate", offeredPerSec: perSecond, tracker, ...window };
}

/** Every visitor keeps one message in flight: delivered msgs/s is the server's capacity. */
export async function saturatingPhase(load: TLoad, warmupMs: number, measureMs: number): Promise<TPhase> {
  const tracker = new Tracker(load.visitors);
  load.current.tracker = tracker;
  let running = true;
  tracker.onDelivered = (visitor) => {
    if (running) tracker.send(visitor);
  };
  for (let v = 0; v < load.visitors.length; v++) tracker.send(v);
  const window = await measureWindow(load, tracker, warmupMs, measureMs);
  running = false;
  await drain(tracker);
  load.current.tracker = null;
  return { load: "saturating", offeredPerSec: null, tracker, ...window };
}

function toRow(scenario: TScenario, conversations: number, phase: TPhase): TLiveChatRow {
  const sorted = [...phase.tracker.samples].sort((a, b) => a - b);
  const wall = phase.servers.map((s) => s.wallMs / 1000);
  return {
    scenario,
    load: phase.load,
    conversations,
    offeredPerSec: phase.offeredPerSec,
    sent: phase.tracker.sentCount,
    delivered: phase.tracker.deliveredInWindow,
    lost: phase.tracker.outstandingInWindow(),
    ackErrors: phase.tracker.ackErrors,
    firstAckError: phase.tracker.firstAckError,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    deliveredPerSec: phase.tracker.deliveredInWindow / phase.seconds,
    vsRelay: null,
    cpuVsRelay: null,
    serverCpuPct: phase.servers.reduce((sum, s, i) => sum + ((s.cpuUserUs + s.cpuSystemUs) / 1e6 / wall[i]!) * 100, 0),
    serverCpuMsPerMsg: phase.servers.reduce((sum, s) => sum + (s.cpuUserUs + s.cpuSystemUs) / 1e3, 0) / Math.max(1, phase.tracker.deliveredInWindow),
    serverLoopPct: Math.max(...phase.servers.map((s) => (s.eluActiveMs / (s.eluActiveMs + s.eluIdleMs)) * 100)),
    clientCpuPct: phase.clientCpuPct,
  };
}

/** Rows of every phase, each with its throughput and CPU ratio to the bare relay's row of the same load. */
export function toRows(phases: { scenario: TScenario; phase: TPhase }[], conversations: number): TLiveChatRow[] {
  const rows = phases.map(({ scenario, phase }) => toRow(scenario, conversations, phase));
  for (const row of rows) {
    const relay = rows.find((r) => r.scenario === "bare relay" && r.load === row.load);
    row.vsRelay = relay ? row.deliveredPerSec / relay.deliveredPerSec : null;
    row.cpuVsRelay = relay ? relay.serverCpuMsPerMsg / row.serverCpuMsPerMsg : null;
  }
  return rows;
}
