import { existsSync } from "node:fs";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { EMBEDDED_SHARED_BUFFERS_DEFAULT_MB } from "../../config/env";

/**
 * Starts (or joins) the embedded database for a data directory. Exactly one process
 * owns a data directory: it runs PGlite in a worker thread and writes a lock file with
 * its pid and socket. A second process (the admin CLI while the server runs) finds the
 * lock, checks the owner is alive and connects to the same socket instead.
 */
export type TPoolConfig = {
  host: string;
  port: number;
  user: string;
  database: string;
};

export type TEmbeddedDatabase = {
  poolConfig: TPoolConfig;
  owned: boolean;
  stop(): Promise<void>;
};

type TLock = { pid: number; socketDir: string; startedAt: string };

const SOCKET_PORT = 5432;
const MAX_UNIX_PATH = 100;

export class DataDirLockedError extends Error {}

/** Data directories this process owns right now: a second start joins instead of reopening the files. */
const g = globalThis as unknown as { __chatwerkEmbedded?: Map<string, TPoolConfig> };
function liveInProcess(): Map<string, TPoolConfig> {
  g.__chatwerkEmbedded ??= new Map();
  return g.__chatwerkEmbedded;
}

function socketFile(dir: string) {
  return path.join(dir, `.s.PGSQL.${SOCKET_PORT}`);
}

function poolConfigFor(socketDir: string): TPoolConfig {
  return { host: socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres" };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function canConnect(file: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function readLock(lockPath: string): Promise<TLock | null> {
  try {
    return JSON.parse(await readFile(lockPath, "utf8")) as TLock;
  } catch {
    return null;
  }
}

async function chooseSocketDir(dataDir: string): Promise<string> {
  const preferred = path.join(dataDir, "run");
  if (socketFile(preferred).length <= MAX_UNIX_PATH) return preferred;
  // Unix socket paths are limited to ~107 bytes; long data paths use a private temp dir.
  return path.join(os.tmpdir(), `chatwerk-${process.pid}-${Date.now().toString(36)}`);
}

async function tryJoin(lockPath: string): Promise<TEmbeddedDatabase | null> {
  const lock = await readLock(lockPath);
  if (!lock) return null;
  if (lock.pid !== process.pid && isAlive(lock.pid) && (await canConnect(socketFile(lock.socketDir)))) {
    return { poolConfig: poolConfigFor(lock.socketDir), owned: false, stop: async () => {} };
  }
  if (lock.pid !== process.pid && isAlive(lock.pid)) {
    throw new DataDirLockedError(
      `The data directory is in use by process ${lock.pid}, which is not accepting connections yet. Try again in a moment.`,
    );
  }
  return null;
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  maxConnections?: number;
  workerUrl?: URL;
  /** PostgreSQL shared_buffers in MB (default EMBEDDED_SHARED_BUFFERS_DEFAULT_MB). */
  sharedBuffersMb?: number;
}): Promise<TEmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const live = liveInProcess().get(dataDir);
  if (live) return { poolConfig: live, owned: false, stop: async () => {} };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, "db.lock");

  const joined = await tryJoin(lockPath);
  if (joined) return joined;

  // Take the lock atomically; a stale lock (dead owner) is replaced.
  let handle;
  try {
    handle = await open(lockPath, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const again = await tryJoin(lockPath);
    if (again) return again;
    await rm(lockPath, { force: true });
    handle = await open(lockPath, "wx", 0o600);
  }

  const socketDir = await chooseSocketDir(dataDir);
  await mkdir(socketDir, { recursive: true, mode: 0o700 });
  await rm(socketFile(socketDir), { force: true });
  const lock: TLock = { pid: process.pid, socketDir, startedAt: new Date().toISOString() };
  await handle.writeFile(JSON.stringify(lock));
  await handle.close();

  const pgDataDir = path.join(dataDir, "pgdata");
  const workerUrl = options.workerUrl ?? new URL("./worker.mjs", import.meta.url);
  let worker: Worker;
  try {
    worker = await startWorker(workerUrl, {
      pgDataDir,
      socketPath: socketFile(socketDir),
      maxConnections: options.maxConnections ?? 40,
      sharedBuffersMb: options.sharedBuffersMb ?? EMBEDDED_SHARED_BUFFERS_DEFAULT_MB,
    });
  } catch (error) {
    await rm(lockPath, { force: true });
    throw error;
  }

  liveInProcess().set(dataDir, poolConfigFor(socketDir));
  let stopped = false;
  return {
    poolConfig: poolConfigFor(socketDir),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      liveInProcess().delete(dataDir);
      await stopWorker(worker);
      await rm(socketFile(socketDir), { force: true });
      const current = await readLock(lockPath);
      if (current?.pid === process.pid) await rm(lockPath, { force: true });
    },
  };
}

function startWorker(
  url: URL,
  data: { pgDataDir: string | null; socketPath: string; maxConnections: number; sharedBuffersMb: number },
): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: data });
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === "ready") {
        worker.off("message", onMessage);
        resolve(worker);
      } else if (message.type === "error") {
        reject(new Error(`Embedded database failed to start: ${message.message}`));
        void worker.terminate();
      }
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`Embedded database worker exited with code ${code}`)));
  });
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 15_000);
    worker.on("message", (message: { type: string }) => {
      if (message.type === "stopped" || message.type === "error") {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve());
      }
    });
    worker.postMessage({ type: "stop" });
  });
}

export function hasEmbeddedData(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "pgdata", "PG_VERSION"));
}
