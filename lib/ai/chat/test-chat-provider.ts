import { AiProviderError, transportOrUnknownError } from "../errors";
import { createChatProvider } from "./create-chat-provider";
import type { TChatProviderConfig } from "./types";

export type TConnectionTestResult = { ok: true; latencyMs: number } | { ok: false; error: AiProviderError };

/**
 * One tiny, unretried completion for a "test connection" button: proves the key, the model
 * name and the network path. Latency is measured until the stream finished.
 */
export async function testChatProvider(cfg: TChatProviderConfig): Promise<TConnectionTestResult> {
  const started = Date.now();
  try {
    const provider = createChatProvider({ ...cfg, maxRetries: 0, timeoutMs: cfg.timeoutMs ?? 15_000 });
    // Room for a short reply even on models that spend output tokens on thinking first.
    const stream = provider.stream({ messages: [{ role: "user", content: "Reply with the single word OK." }], maxTokens: 32 });
    for await (const chunk of stream) if (chunk.type === "done") break;
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error: error instanceof AiProviderError ? error : transportOrUnknownError({ provider: cfg.provider, apiKey: cfg.apiKey }, error) };
  }
}
