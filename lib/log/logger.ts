import { env } from "../config/env";

const g = globalThis as unknown as { __chatwerkLogToStderr?: boolean };

/** CLIs keep stdout for their own output (e.g. --json). */
export function logToStderr(): void {
  g.__chatwerkLogToStderr = true;
}

type TLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<TLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function write(level: TLevel, message: string, fields?: Record<string, unknown>) {
  let threshold: TLevel = "info";
  try {
    threshold = env().LOG_LEVEL;
  } catch {
    // env not valid yet: keep the default threshold
  }
  if (ORDER[level] < ORDER[threshold]) return;
  const line = fields && Object.keys(fields).length ? `${message} ${JSON.stringify(fields)}` : message;
  const stream = level === "error" || level === "warn" || g.__chatwerkLogToStderr ? process.stderr : process.stdout;
  stream.write(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${line}\n`);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
