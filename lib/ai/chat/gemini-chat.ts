import type { Content, GenerateContentResponse } from "@google/genai";
import { AiProviderError } from "../errors";
import { createGeminiClient, mapGeminiError, retryAfterProbe } from "../gemini/gemini-client";
import type { TChatAdapter, TChatMessage, TChatRequest, TFinishReason, TProviderEvent } from "./types";

/** Gemini `generateContentStream`: system messages become `systemInstruction`, assistant turns role "model". */
export function geminiChatAdapter(cfg: { model: string; apiKey?: string; baseUrl?: string }): TChatAdapter {
  const ctx = { provider: "gemini" as const, apiKey: cfg.apiKey };
  const ai = createGeminiClient(cfg);
  return {
    ctx,
    mapError: (error) => mapGeminiError(ctx, error),
    async open(req: TChatRequest, signal: AbortSignal) {
      const { systemInstruction, contents } = toGeminiContents(req.messages);
      if (contents.length === 0) {
        throw new AiProviderError("bad_request", "Gemini needs at least one user message.", { provider: "gemini" });
      }
      const probe = retryAfterProbe();
      const params = {
        model: cfg.model,
        contents,
        config: {
          ...(systemInstruction ? { systemInstruction } : {}),
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...(req.maxTokens !== undefined ? { maxOutputTokens: req.maxTokens } : {}),
          abortSignal: signal,
          // Resuming a broken stream would continue an answer the reader saw cut off; retries
          // before the first token are lib/ai's job.
          automaticContinuation: false,
          httpOptions: probe.httpOptions,
        },
      };
      // Mapped here, while this request's Retry-After is at hand.
      const stream = await ai.models.generateContentStream(params).catch((error: unknown) => {
        throw mapGeminiError(ctx, error, probe.retryAfterMs());
      });
      return toEvents(stream);
    },
  };
}

/** Consecutive messages of the same role are merged: Gemini expects alternating turns. */
export function toGeminiContents(messages: TChatMessage[]): { systemInstruction?: string; contents: Content[] } {
  const system = messages.filter((m) => m.role === "system").map((m) => m.content);
  const contents: Content[] = [];
  for (const message of messages) {
    if (message.role === "system") continue;
    const role = message.role === "assistant" ? "model" : "user";
    const last = contents.at(-1);
    if (last?.role === role) last.parts!.push({ text: message.content });
    else contents.push({ role, parts: [{ text: message.content }] });
  }
  return { systemInstruction: system.length ? system.join("\n\n") : undefined, contents };
}

async function* toEvents(stream: AsyncIterable<GenerateContentResponse>): AsyncGenerator<TProviderEvent> {
  for await (const chunk of stream) {
    const candidate = chunk.candidates?.[0];
    // Parts flagged `thought` are the model's reasoning, not the answer.
    const text = (candidate?.content?.parts ?? [])
      .filter((p) => typeof p.text === "string" && !p.thought)
      .map((p) => p.text)
      .join("");
    if (text) yield { type: "delta", text };
    if (chunk.usageMetadata) {
      const u = chunk.usageMetadata;
      // Thinking tokens are billed as output.
      const output = u.candidatesTokenCount === undefined && u.thoughtsTokenCount === undefined ? undefined : (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0);
      yield { type: "usage", inputTokens: u.promptTokenCount, outputTokens: output };
    }
    if (candidate?.finishReason) yield { type: "finish", reason: finishReason(candidate.finishReason) };
    else if (chunk.promptFeedback?.blockReason) yield { type: "finish", reason: "content_filter" };
  }
}

const FILTERED = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT"]);

function finishReason(reason: string): TFinishReason {
  if (reason === "STOP") return "stop";
  if (reason === "MAX_TOKENS") return "length";
  return FILTERED.has(reason) ? "content_filter" : "other";
}
