/**
 * The bench's server child processes (live-chat-node.ts, live-chat-relay.ts): forking them,
 * their IPC requests (`setup`, `stats`, `stop`) and their stderr, counted and summarised.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TNodeSetup } from "../live-chat-node";
import type { TNodeStats } from "./server-stats";

export type TChild = {
  name: string;
  url: string;
  ownsEmbedded: boolean;
  setup(conversations: number, operators: number): Promise<TNodeSetup>;
  stats(): Promise<TNodeStats>;
  stop(): Promise<void>;
};

type TChildMessage = { type: string; id?: number; data?: unknown; stats?: unknown; message?: string; port?: number; ownsEmbedded?: boolean };

/** Forks `scripts/bench/<script>` under tsx and resolves once it sent `ready`. */
export function startChild(name: string, script: string, env: Record<string, string>, execArgv: string[] = []): Promise<TChild> {
  const proc: ChildProcess = fork(path.resolve("scripts/bench", script), [], {
    execArgv: ["--import", "tsx", ...execArgv],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  captureLog(name, proc);
  const ipc = connectIpc(name, proc);
  return new Promise<TChild>((resolve, reject) => {
    ipc.setFailed(reject);
    ipc.waiting.set("ready", (raw) => {
      const ready = raw as { port: number; ownsEmbedded: boolean };
      resolve(childHandle(name, proc, ipc, ready));
    });
  });
}

type TIpc = {
  waiting: Map<string, (value: unknown) => void>;
  setFailed(fail: (error: Error) => void): void;
  request<T>(key: string, message: unknown): Promise<T>;
  exited: Promise<void>;
};

/** Answers by type (`stats:<id>` for stats); an `error` message or an exit fails the pending request. */
function connectIpc(name: string, proc: ChildProcess): TIpc {
  const waiting = new Map<string, (value: unknown) => void>();
  let failed: ((error: Error) => void) | undefined;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.once("exit", (code) => failed?.(new Error(`${name} exited with code ${code}`)));
  proc.on("message", (raw) => {
    const message = raw as TChildMessage;
    if (message.type === "error") {
      failed?.(new Error(`${name}: ${message.message}`));
      return;
    }
    const key = message.type === "stats" ? `stats:${message.id}` : message.type;
    const resolve = waiting.get(key);
    waiting.delete(key);
    resolve?.(message);
  });
  const request = <T>(key: string, message: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      failed = reject;
      waiting.set(key, resolve as (value: unknown) => void);
      proc.send(message as object);
    });
  const setFailed = (fail: (error: Error) => void) => {
    failed = fail;
  };
  return { waiting, setFailed, request, exited };
}

function childHandle(name: string, proc: ChildProcess, ipc: TIpc, ready: { port: number; ownsEmbedded: boolean }): TChild {
  let nextId = 1;
  return {
    name,
    url: `http://127.0.0.1:${ready.port}`,
    ownsEmbedded: ready.ownsEmbedded,
    setup: async (conversations, operators) => (await ipc.request<{ data: TNodeSetup }>("setup", { type: "setup", conversations, operators })).data,
    stats: async () => {
      const id = nextId++;
      return (await ipc.request<{ stats: TNodeStats }>(`stats:${id}`, { type: "stats", id })).stats;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      proc.send({ type: "stop" });
      const timer = setTimeout(() => proc.kill("SIGKILL"), 25_000);
      await ipc.exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Server log

/** Server log lines by node, by message (timestamps and request ids stripped). */
const serverLog = new Map<string, { lines: number; kinds: Map<string, number> }>();

/**
 * The server's warnings and errors (LOG_LEVEL=warn) are counted and summarised, not streamed:
 * an overloaded node logs one line per refused message.
 */
function captureLog(name: string, proc: ChildProcess) {
  let pendingText = "";
  proc.stderr?.setEncoding("utf8");
  proc.stderr?.on("data", (chunk: string) => {
    const lines = (pendingText + chunk).split("\n");
    pendingText = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) logged(name, line);
  });
}

function logged(node: string, line: string) {
  const entry = serverLog.get(node) ?? { lines: 0, kinds: new Map<string, number>() };
  serverLog.set(node, entry);
  entry.lines++;
  const kind = line.replace(/^\S+Z\s+/, "").replace(/"requestId":"[^"]*",?/, "").replace(/\\n\s+at .*$/, "").slice(0, 200);
  entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
  if (entry.lines <= 3) console.error(`  [${node}] ${line.slice(0, 300)}`);
}

/** One note per node that logged: its line count and its three most frequent messages. */
export function serverLogNotes(): string[] {
  return [...serverLog].map(([node, entry]) => {
    const top = [...entry.kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([kind, n]) => `${n}× ${kind}`);
    return `${node} logged ${entry.lines} warning/error lines: ${top.join(" | ")}`;
  });
}
