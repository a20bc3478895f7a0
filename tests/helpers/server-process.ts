import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { env, setRuntimeEnv } from "@/lib/config/env";
import { openDatabase } from "@/lib/db/open-database";
import { REPO_ROOT } from "./paths";
import { copyTemplate, TEST_ENV } from "./test-database";

/**
 * Real server processes for integration tests (`node --import tsx server/index.ts`, as
 * `npm start` runs it): spawn, wait for /api/health, stop with a signal, run the admin CLI
 * against the same data directory. They serve the production build in `.next`.
 */
export const HAS_BUILD = existsSync(path.join(REPO_ROOT, ".next", "BUILD_ID"));

/** `CI=true` (set by .ci/run): required external services are failures, not skips. */
export const IN_CI = process.env.CI === "true" || process.env.CI === "1";

/** Fixed secrets, so the test process can sign what the servers verify (console tokens). */
export const SERVER_SECRETS = { NEXTAUTH_SECRET: TEST_ENV.NEXTAUTH_SECRET!, ENCRYPTION_KEY: TEST_ENV.ENCRYPTION_KEY! };

export type TServer = {
  child: ChildProcess;
  port: number;
  url: string;
  env: NodeJS.ProcessEnv;
  output: () => string;
  exited: Promise<number | null>;
};

const running = new Set<TServer>();

/** The environment of a production server on `port` (127.0.0.1) over `dataDir`; `extra` wins. */
export function serverEnv(port: number, dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SEED_DEMO: "true",
    REDIS_URL: "",
    DATABASE_URL: "",
    SMTP_URL: "",
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

export function startServer(serverEnvironment: NodeJS.ProcessEnv): TServer {
  const port = Number(serverEnvironment.PORT);
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: REPO_ROOT, env: serverEnvironment });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: TServer = { child, port, url: `http://127.0.0.1:${port}`, env: serverEnvironment, output: () => out, exited };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/**
 * Polls /api/health until it answers 200 (its JSON), the process exits, or the time is up.
 * Only once this process said it is ready: a stray server on the same port does not count.
 */
export async function waitHealthy(server: TServer, timeoutMs = 90_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline && exitCode === undefined) {
    if (!/ready on http/.test(server.output())) {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.ok) return (await res.json()) as Record<string, string>;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

/**
 * Resolves once `server` owns the embedded database of `dataDir` and accepts connections on
 * it (its db.lock names it, its socket answers): a second process may join from then on,
 * while the first still prepares Next.
 */
export async function waitOwnsDatabase(server: TServer, dataDir: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && server.child.exitCode === null) {
    const lock = await readFile(path.join(dataDir, "db.lock"), "utf8").then((text) => JSON.parse(text) as { pid: number; socketDir: string }, () => null);
    if (lock && lock.pid === server.child.pid && (await accepts(path.join(lock.socketDir, ".s.PGSQL.5432")))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not open the database in ${dataDir}:\n${server.output()}`);
}

function accepts(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Sends `signal` and resolves with the exit code (null when killed by the signal). */
export async function stopServer(server: TServer, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

/** SIGKILLs every server still running (for afterAll: nothing outlives the test file). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((server) => stopServer(server, "SIGKILL")));
}

/**
 * The admin CLI with `--json`, against the data directory of `serverEnvironment`. Not
 * spawnSync: a blocked event loop misses the server closing idle keep-alive connections, and
 * the next fetch then fails on a dead socket ("other side closed").
 */
export async function admin(serverEnvironment: NodeJS.ProcessEnv, ...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args, "--json"], { cwd: REPO_ROOT, env: serverEnvironment });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { status, json: JSON.parse(stdout.trim() || "{}") as Record<string, unknown>, stderr };
}

/** A random port in [from, to] that nothing listens on right now. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from + 1));
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

/**
 * A data directory for spawned servers: a copy of the migrated test template, with `setup`
 * run against it through the app's own connection path while no server owns it. The test
 * process's configuration carries SERVER_SECRETS, so tokens it signs verify on the servers.
 */
export async function prepareDataDir<T>(setup: () => Promise<T>): Promise<{ dataDir: string; fixture: T }> {
  const dataDir = await copyTemplate("proc");
  const fixture = await withDatabase(dataDir, setup);
  return { dataDir, fixture };
}

/** Opens `dataDir` in this process (no server may own it then), runs `work`, closes it again. */
export async function withDatabase<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  setRuntimeEnv({ ...TEST_ENV, ...SERVER_SECRETS, DATA_DIR: dataDir });
  const database = await openDatabase(env());
  if (!database.ownsEmbedded) {
    await database.close();
    throw new Error(`withDatabase: ${dataDir} is owned by a running process`);
  }
  try {
    return await work();
  } finally {
    await database.close();
  }
}

export async function removeDataDir(dataDir: string | undefined): Promise<void> {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
