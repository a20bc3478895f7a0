import type { AiProviderError, TErrorContext } from "../errors";
import type { TProviderName } from "../providers";

export type TChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type TChatRequest = {
  messages: TChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Aborting ends the stream promptly; the iterator then throws the signal's reason. */
  signal?: AbortSignal;
};

export type TFinishReason = "stop" | "length" | "content_filter" | "other";

export type TChatUsage = { inputTokens: number; outputTokens: number };

export type TChatChunk = { type: "delta"; text: string } | { type: "done"; usage: TChatUsage; finishReason: TFinishReason };

export type TChatProviderName = TProviderName;

export type TChatProvider = {
  provider: TChatProviderName;
  model: string;
  /**
   * Streams the answer: zero or more deltas, then exactly one "done". Failures throw
   * AiProviderError; once a delta was yielded nothing is retried (the visitor already saw it).
   */
  stream(req: TChatRequest): AsyncIterable<TChatChunk>;
};

export type TChatProviderConfig = {
  provider: TChatProviderName;
  model: string;
  apiKey?: string;
  /** OpenAI-compatible: the `/v1` URL (e.g. http://localhost:11434/v1). Others: override for proxies and tests. */
  baseUrl?: string;
  /** Connect plus time to the first token, per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Longest silence between chunks once the answer started. Default 20 s. */
  idleTimeoutMs?: number;
  /** Retries before the first token (429, 5xx, network, timeouts). Default 2. */
  maxRetries?: number;
};

/** What a provider adapter reports while streaming; the shared runner turns it into TChatChunk. */
export type TProviderEvent =
  | { type: "delta"; text: string }
  | { type: "usage"; inputTokens?: number; outputTokens?: number }
  | { type: "finish"; reason: TFinishReason };

/** One provider's wire specifics: open a stream (one attempt) and classify its errors. */
export type TChatAdapter = {
  ctx: TErrorContext;
  open(req: TChatRequest, signal: AbortSignal): Promise<AsyncIterable<TProviderEvent>>;
  mapError(error: unknown): AiProviderError;
};
