/**
 * The three scenarios, one after the other, each with a fixed-rate and a saturating phase:
 * one node (it also seeds the workspace), two nodes via Redis, the bare relay.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setRuntimeEnv } from "../../../lib/config/env";
import type { TNodeSetup } from "../live-chat-node";
import { startChild, type TChild } from "./children";
import { newSecrets, productAuth, relayAuth, seedWorkspace, type TSecrets } from "./data";
import { closeLoad, openLoad, type TLoad } from "./load";
import { fixedRatePhase, saturatingPhase, type TPhase } from "./phases";
import { cleanRedis, redisAnswers } from "./redis";
import { RATE_LIMIT_SCALE, type TConfig, type TScenario } from "./types";

export type TRun = {
  config: TConfig;
  started: string;
  benchStart: number;
  secrets: TSecrets;
  previousSecrets: Partial<TSecrets>;
  dataDir: string;
  /** `--profile`: where the product nodes write their .cpuprofile files. */
  profileDir: string | null;
  loadBefore: number;
  phases: { scenario: TScenario; phase: TPhase }[];
  notes: string[];
  /** Children started and not stopped yet. */
  running: TChild[];
  /** Node start-up, setup, connecting the sockets, by label, ms. */
  timings: Record<string, number>;
};

/** Secrets for this process and the children, a fresh DATA_DIR, and the run's bookkeeping. */
export async function prepareRun(config: TConfig): Promise<TRun> {
  const started = new Date().toISOString();
  const benchStart = performance.now();
  const secrets = newSecrets();
  const previousSecrets = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, ENCRYPTION_KEY: process.env.ENCRYPTION_KEY };
  setRuntimeEnv(secrets);
  const dataDir = await mkdtemp(path.join(tmpdir(), "cw-bench-live-chat-"));
  const profileDir = config.profile ? await mkdtemp(path.join(tmpdir(), "cw-bench-live-chat-prof-")) : null;
  return { config, started, benchStart, secrets, previousSecrets, dataDir, profileDir, loadBefore: loadavg()[0]!, phases: [], notes: [], running: [], timings: {} };
}

/** Runs the wanted scenarios; stops every child, removes DATA_DIR and restores the secrets however it ends. */
export async function runScenarios(run: TRun) {
  try {
    const s = await runOneNode(run);
    await runTwoNodes(run, s);
    await runRelay(run, s);
  } finally {
    await stopAll(run);
    await rm(run.dataDir, { recursive: true, force: true });
    setRuntimeEnv(run.previousSecrets);
  }
}

/** 1. One node, no Redis. It owns the fresh DATA_DIR and creates the workspace. */
async function runOneNode(run: TRun): Promise<TNodeSetup> {
  const { conversations, operatorCount } = run.config;
  const single = await startProductNode(run, "start one node", "node", "");
  if (!single.ownsEmbedded) throw new Error("The first bench node must own the fresh embedded database");
  const s = await timed(run, "setup", () => seedWorkspace(single, conversations, operatorCount));
  if (run.config.wanted.has("one")) {
    const auth = productAuth(s);
    const load = await timed(run, "connect one node", () => openLoad([single], single.url, auth.operators(), single.url, auth.visitors));
    await runScenario(run, "one node", load);
  }
  await stopAll(run);
  return s;
}

/** 2. Two nodes through Redis: A owns the database and has the operators, B the visitors. */
async function runTwoNodes(run: TRun, s: TNodeSetup) {
  const { redisUrl } = run.config;
  if (!run.config.wanted.has("two")) return; // skipped on request
  if (!redisUrl || !(await redisAnswers(redisUrl))) {
    run.notes.push(`two nodes via Redis: skipped, no Redis at ${redisUrl ?? "(none)"}`);
    return;
  }
  const a = await startProductNode(run, "start node A", "node A", redisUrl);
  const b = await startProductNode(run, "start node B", "node B", redisUrl);
  if (!a.ownsEmbedded || b.ownsEmbedded) throw new Error("Node A must own the database and node B join it");
  try {
    const auth = productAuth(s);
    const load = await timed(run, "connect two nodes", () => openLoad([a, b], a.url, auth.operators(), b.url, auth.visitors));
    await runScenario(run, "two nodes via Redis", load);
  } finally {
    await stopAll(run);
    await cleanRedis(redisUrl, s.visitors.map((v) => v.sessionId)).catch((error: unknown) => run.notes.push(`Redis clean-up failed: ${String(error)}`));
  }
}

/** 3. The bare relay under the identical load pattern. */
async function runRelay(run: TRun, s: TNodeSetup) {
  if (!run.config.wanted.has("relay")) return;
  const relay = await timed(run, "start relay", () => startChild("relay", "live-chat-relay.ts", { BENCH_PORT: "0" }));
  run.running.push(relay);
  const load = await timed(run, "connect relay", () => {
    const auth = relayAuth(s);
    return openLoad([relay], relay.url, auth.operators, relay.url, auth.visitors);
  });
  await runScenario(run, "bare relay", load);
  await stopAll(run);
}

/** Both phases on an open load, then its sockets closed. */
async function runScenario(run: TRun, scenario: TScenario, load: TLoad) {
  const { rate, conversations, fixed, saturate } = run.config;
  const elapsed = () => `${((performance.now() - run.benchStart) / 1000).toFixed(0)} s`;
  process.stdout.write(`  [${elapsed()}] ${scenario}: fixed rate ${rate * conversations} msgs/s… `);
  run.phases.push({ scenario, phase: await fixedRatePhase(load, rate, fixed.warmup, fixed.measure) });
  process.stdout.write("saturating… ");
  run.phases.push({ scenario, phase: await saturatingPhase(load, saturate.warmup, saturate.measure) });
  process.stdout.write(`done [${elapsed()}]\n`);
  await closeLoad(load);
}

/** A product node (live-chat-node.ts) on the run's DATA_DIR; `redis` "" runs it without Redis. */
async function startProductNode(run: TRun, label: string, name: string, redis: string): Promise<TChild> {
  const nodeArgv = run.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${run.profileDir}`] : [];
  const node = await timed(run, label, () => startChild(name, "live-chat-node.ts", nodeEnv(run, redis), nodeArgv));
  run.running.push(node);
  return node;
}

function nodeEnv(run: TRun, redis: string): Record<string, string> {
  return {
    ...run.secrets,
    NODE_ENV: "production", DATA_DIR: run.dataDir, DATABASE_URL: "", REDIS_URL: redis, RATE_LIMIT_SCALE: String(RATE_LIMIT_SCALE),
    LOG_LEVEL: "warn", SEED_DEMO: "false", TRUST_PROXY: "false", BENCH_PORT: "0", BENCH_TRACE_SQL: run.config.traceSql ? "1" : "",
  };
}

/** Runs `work` and notes how long it took (node start-up, setup, connecting 500 sockets). */
async function timed<T>(run: TRun, label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  run.timings[label] = Math.round(performance.now() - t0);
  return result;
}

async function stopAll(run: TRun) {
  for (const child of run.running.splice(0).reverse()) await child.stop();
}
