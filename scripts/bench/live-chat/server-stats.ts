/**
 * The figures a bench server child (live-chat-node.ts, live-chat-relay.ts) answers to the
 * parent's `{type: "stats", id}`: CPU time of every thread (including the embedded database's
 * worker), main-thread event-loop utilisation and delay, each since the previous call.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

export type TSqlTrace = { statements: number; ms: number; top: { sql: string; count: number; ms: number }[] };

export type TNodeStats = {
  cpuUserUs: number; cpuSystemUs: number; wallMs: number; eluIdleMs: number; eluActiveMs: number; loopDelayP99Ms: number; loopDelayMaxMs: number;
  /** With BENCH_TRACE_SQL=1: statements this node sent to the database since the last stats call. */
  sql?: TSqlTrace;
};

/** Starts measuring now; every `take()` returns the figures since the previous one (or the start). */
export function startStatsMeter(): { take(): TNodeStats } {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let wall = performance.now();
  return {
    take() {
      const nextElu = performance.eventLoopUtilization();
      const diff = performance.eventLoopUtilization(nextElu, elu);
      const cpuDiff = process.cpuUsage(cpu);
      const now = performance.now();
      const stats: TNodeStats = {
        cpuUserUs: cpuDiff.user, cpuSystemUs: cpuDiff.system, wallMs: now - wall, eluIdleMs: diff.idle, eluActiveMs: diff.active,
        loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6,
      };
      elu = nextElu;
      cpu = process.cpuUsage();
      wall = now;
      loop.reset();
      return stats;
    },
  };
}
