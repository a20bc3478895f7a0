/** Options, scenarios and result rows of the live-chat bench (scripts/bench/live-chat.ts). */

export type TLiveChatOptions = {
  conversations?: number;
  operators?: number;
  /** Messages per second per conversation in the fixed-rate phase. */
  rate?: number;
  fixedWarmupSeconds?: number;
  fixedSeconds?: number;
  saturateWarmupSeconds?: number;
  saturateSeconds?: number;
  redisUrl?: string | null;
  profile?: boolean;
  /** Count the statements the product nodes send (BENCH_TRACE_SQL in live-chat-node.ts) and print them per message. */
  traceSql?: boolean;
  scenarios?: ("one" | "two" | "relay")[];
};

export type TScenario = "one node" | "two nodes via Redis" | "bare relay";

export type TLiveChatRow = {
  scenario: TScenario;
  load: "fixed rate" | "saturating";
  conversations: number;
  /** Offered load (fixed rate only). */
  offeredPerSec: number | null;
  sent: number;
  delivered: number;
  /** Sent in the measured window and not delivered within 15 s after the phase. */
  lost: number;
  ackErrors: number;
  firstAckError: string | null;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  deliveredPerSec: number;
  /** deliveredPerSec / the bare relay's in the same load pattern. */
  vsRelay: number | null;
  /** The relay's CPU ms/msg / this row's (same load pattern): the throughput ratio if both were CPU-bound alone. */
  cpuVsRelay: number | null;
  /** CPU of the server processes (all threads, incl. the embedded database worker), % of one core. */
  serverCpuPct: number;
  /** Server CPU time (all processes, all threads) per delivered message: the contention-proof cost. */
  serverCpuMsPerMsg: number;
  /** Busiest server main thread's event-loop utilisation, %. */
  serverLoopPct: number;
  clientCpuPct: number;
};

/** The visitor message every bench visitor sends. */
export const TEXT = "Hallo, ich habe eine Frage zu meiner Bestellung vom Dienstag.";

/** The widget's rate limits are multiplied by this in the children (RATE_LIMIT_SCALE). */
export const RATE_LIMIT_SCALE = 1000;

/** TLiveChatOptions with every default applied (times in ms). */
export type TConfig = {
  conversations: number;
  operatorCount: number;
  rate: number;
  fixed: { warmup: number; measure: number };
  saturate: { warmup: number; measure: number };
  redisUrl: string | null;
  wanted: Set<"one" | "two" | "relay">;
  profile: boolean;
  traceSql: boolean;
};
