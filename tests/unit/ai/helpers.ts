import { setRuntimeEnv } from "@/lib/config/env";
import { expect } from "vitest";
import { AiProviderError, type TAiErrorKind } from "@/lib/ai/errors";
import type { TChatChunk } from "@/lib/ai/chat";

export type TCollected = { text: string; deltas: string[]; done?: Extract<TChatChunk, { type: "done" }>; error?: unknown; ms: number };

/** Drains a chat stream, keeping what arrived before a failure. */
export async function collect(stream: AsyncIterable<TChatChunk>): Promise<TCollected> {
  const started = Date.now();
  const deltas: string[] = [];
  let done: TCollected["done"];
  try {
    for await (const chunk of stream) {
      if (chunk.type === "delta") deltas.push(chunk.text);
      else done = chunk;
    }
  } catch (error) {
    return { text: deltas.join(""), deltas, done, error, ms: Date.now() - started };
  }
  return { text: deltas.join(""), deltas, done, ms: Date.now() - started };
}

export function expectProviderError(error: unknown, kind: TAiErrorKind): AiProviderError {
  expect(error).toBeInstanceOf(AiProviderError);
  const e = error as AiProviderError;
  expect({ kind: e.kind, message: e.message }).toMatchObject({ kind });
  return e;
}

export const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
export const norm = (v: number[]) => Math.sqrt(dot(v, v));
export const float32 = (v: number[]) => Array.from(Float32Array.from(v));
export const unit = (v: number[]) => {
  const n = norm(v);
  return v.map((x) => x / n);
};

/** Largest absolute difference between two vectors of the same length. */
export function maxDiff(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i]!)), 0);
}

/**
 * The fake servers listen on 127.0.0.1, which OpenAI-compatible clients refuse unless the
 * operator allows the host (lib/ai/openai/openai-client.ts): allow it, as an operator with a
 * local Ollama would. (Vitest's own BASE_URL="/" is no URL, so set a real one.)
 */
export function allowLocalFakes() {
  setRuntimeEnv({ BASE_URL: "http://localhost:3000", FETCH_ALLOW_HOSTS: "127.0.0.1" });
}
