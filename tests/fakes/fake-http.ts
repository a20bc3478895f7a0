import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Shared plumbing for the fake AI providers (openai-fake.ts, gemini-fake.ts): a node:http
 * server on 127.0.0.1 that records every request and answers the "work" endpoints (chat,
 * embeddings) from a queue of scripted steps, falling back to a normal success. No
 * dependencies, so a plain Node process (via tsx) can run it for end-to-end tests.
 */

export type TRecordedRequest = {
  method: string;
  /** Path without the query string, e.g. "/v1/chat/completions". */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, as node:http reports them. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON (undefined when empty). */
  body: unknown;
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
};

export type TFakeStep =
  /** A normal answer, streamed as `deltas` pieces (default: word by word). */
  | {
      type: "text";
      text: string;
      deltas?: number;
      /** Raw provider value: "stop" / "length" (OpenAI), "STOP" / "MAX_TOKENS" / "SAFETY" (Gemini). */
      finishReason?: string;
      /** Token usage to report; false reports none even when asked. */
      usage?: false | { input: number; output: number };
      /** Wait before the status line and headers (first byte). */
      delayMs?: number;
      /** Wait between streamed chunks. */
      chunkDelayMs?: number;
      /** Send this many deltas, then keep the connection open without sending more. */
      hangAfterDeltas?: number;
      /** Send this many deltas, then destroy the socket. */
      dropAfterDeltas?: number;
      /** Send this many deltas, then an in-stream error event and end the response. */
      errorAfterDeltas?: number;
    }
  /** An HTTP error in the provider's error shape. */
  | {
      type: "error";
      status: number;
      message?: string;
      /** OpenAI `error.code` (e.g. "insufficient_quota") or Google ErrorInfo `reason` (e.g. "API_KEY_INVALID"). */
      code?: string;
      /** Retry-After header value, e.g. "1" (seconds). */
      retryAfter?: string;
      /** Google RetryInfo.retryDelay, e.g. "1s" (Gemini only). */
      retryDelay?: string;
      delayMs?: number;
    }
  /** Accept the request and never answer. */
  | { type: "hang" }
  /** Embeddings of a different size than asked (to provoke a mismatch), optionally late. */
  | { type: "embeddings"; dimensions?: number; delayMs?: number };

export type TFakeServer = {
  /** Base URL to configure the SDK with. */
  url: string;
  requests: TRecordedRequest[];
  /** Queues steps; each chat or embeddings request takes the next one. */
  script(...steps: TFakeStep[]): void;
  /** Steps not used yet. */
  pendingSteps(): number;
  /** Forgets recorded requests and queued steps. */
  reset(): void;
  close(): Promise<void>;
};

/** One response in progress; remembers whether the client went away so handlers stop writing. */
export class FakeConnection {
  closed = false;
  private timers = new Set<NodeJS.Timeout>();

  constructor(readonly res: ServerResponse) {
    res.on("close", () => {
      this.closed = true;
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
    });
  }

  /** Resolves after `ms`; never resolves when the client disconnects first. */
  wait(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return this.closed ? new Promise(() => {}) : Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (this.closed) return;
    this.res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    this.res.end(JSON.stringify(body));
  }

  startEvents(headers: Record<string, string> = {}): void {
    this.res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", ...headers });
    this.res.flushHeaders();
  }

  event(data: string, separator = "\n\n"): void {
    if (!this.closed) this.res.write(`data: ${data}${separator}`);
  }

  end(): void {
    if (!this.closed) this.res.end();
  }

  /** Kills the connection mid-response, after what was already written reached the client. */
  drop(): void {
    const socket = this.res.socket;
    // destroy() discards writes still queued (node corks them until the next tick).
    setTimeout(() => socket?.destroy(), 10);
  }
}

export type TFakeRoute = (request: TRecordedRequest, conn: FakeConnection, takeStep: () => TFakeStep | undefined) => Promise<void> | void;

export async function startFakeServer(opts: { route: TFakeRoute; basePath: string; port?: number; host?: string }): Promise<TFakeServer> {
  const requests: TRecordedRequest[] = [];
  let steps: TFakeStep[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const url = new URL(req.url ?? "/", "http://fake.local");
      const recorded: TRecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
        body: parseBody(raw),
        at: Date.now(),
      };
      requests.push(recorded);
      const conn = new FakeConnection(res);
      try {
        await opts.route(recorded, conn, () => steps.shift());
      } catch (error) {
        conn.json(500, { error: { message: `fake server failure: ${String(error)}` } });
      }
    });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${opts.basePath}`,
    requests,
    script: (...more) => {
      steps.push(...more);
    },
    pendingSteps: () => steps.length,
    reset: () => {
      requests.length = 0;
      steps = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging and streaming responses would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

function parseBody(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * A deterministic unit vector for a text: seeded from its SHA-256, so tests can compute the
 * expected embedding of every input and check the order of a batch.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  let seed = createHash("sha256").update(text).digest().readUInt32LE(0);
  const next = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const values = Array.from({ length: dimensions }, () => next() * 2 - 1);
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
  return values.map((v) => v / norm);
}

/** Splits a reply into `count` pieces of similar length, or word by word when no count is given. */
export function splitReply(text: string, count?: number): string[] {
  if (!text) return [];
  if (count === undefined) return text.match(/\S+\s*|\s+/g) ?? [text];
  const chars = Array.from(text);
  const n = Math.max(1, Math.min(count, chars.length));
  return Array.from({ length: n }, (_, i) => chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(""));
}

/** A plausible token count for fake usage reports (not the clients' chars/4 estimate). */
export function fakeTokenCount(text: string): number {
  return (text.match(/\S+/g) ?? []).length + 3;
}
