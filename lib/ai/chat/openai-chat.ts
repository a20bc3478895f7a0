import type OpenAI from "openai";
import { createOpenAIClient, mapOpenAIError } from "../openai/openai-client";
import type { TChatAdapter, TChatRequest, TFinishReason, TProviderEvent } from "./types";

type TCompletionChunk = OpenAI.Chat.Completions.ChatCompletionChunk;

/** Chat Completions streaming for OpenAI and OpenAI-compatible servers. */
export function openAIChatAdapter(cfg: {
  provider: "openai" | "openai-compatible";
  model: string;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
}): TChatAdapter {
  const ctx = { provider: cfg.provider, apiKey: cfg.apiKey };
  const client = createOpenAIClient(cfg);
  return {
    ctx,
    mapError: (error) => mapOpenAIError(ctx, error),
    async open(req: TChatRequest, signal: AbortSignal) {
      const stream = await client.chat.completions.create(
        {
          model: cfg.model,
          messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
          stream: true,
          stream_options: { include_usage: true },
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          // OpenAI deprecated max_tokens (reasoning models reject it); local servers know only max_tokens.
          ...(req.maxTokens !== undefined ? (cfg.provider === "openai" ? { max_completion_tokens: req.maxTokens } : { max_tokens: req.maxTokens }) : {}),
        },
        { signal },
      );
      return toEvents(stream);
    },
  };
}

async function* toEvents(stream: AsyncIterable<TCompletionChunk>): AsyncGenerator<TProviderEvent> {
  for await (const chunk of stream) {
    // vLLM sends the usage-only chunk with `choices: null`.
    const choice = chunk.choices?.[0];
    const text = choice?.delta?.content;
    if (text) yield { type: "delta", text };
    if (choice?.finish_reason) yield { type: "finish", reason: finishReason(choice.finish_reason) };
    if (chunk.usage) yield { type: "usage", inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
  }
}

function finishReason(reason: string): TFinishReason {
  if (reason === "stop" || reason === "length" || reason === "content_filter") return reason;
  return "other";
}
