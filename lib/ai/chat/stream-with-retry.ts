import { linkedController, within } from "../deadline";
import { AiProviderError, formatMs, providerLabel, timeoutError } from "../errors";
import { retryDelayFor, sleep, type TRetryPolicy } from "../retry";
import type { TChatAdapter, TChatChunk, TChatRequest, TFinishReason } from "./types";

export type TStreamLimits = { firstTokenTimeoutMs: number; idleTimeoutMs: number; policy: TRetryPolicy };

/** Rough token count for providers that report no usage: about four characters per token. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/**
 * Runs an adapter's stream with the shared policy: a deadline for connect plus first token,
 * an idle deadline between chunks afterwards, retries with backoff only while nothing was
 * yielded, and usage filled in by estimate when the provider reports none.
 */
export async function* streamWithRetry(adapter: TChatAdapter, req: TChatRequest, limits: TStreamLimits): AsyncGenerator<TChatChunk> {
  const { ctx } = adapter;
  const inputChars = req.messages.reduce((sum, m) => sum + m.content.length, 0);

  for (let retryIndex = 0; ; retryIndex++) {
    req.signal?.throwIfAborted();
    const { controller, unlink } = linkedController(req.signal);
    const firstTokenDeadline = Date.now() + limits.firstTokenTimeoutMs;
    let yielded = false;
    let iterator: AsyncIterator<unknown> | undefined;
    // Before the first token the deadline is fixed (empty role or usage chunks do not extend
    // it); afterwards every wait for the next chunk gets the idle allowance.
    const wait = <T>(promise: Promise<T>) =>
      yielded
        ? within(promise, limits.idleTimeoutMs, controller, () => timeoutError(ctx, `went silent for ${formatMs(limits.idleTimeoutMs)} mid-answer`))
        : within(promise, firstTokenDeadline - Date.now(), controller, () =>
            timeoutError(ctx, `did not start answering within ${formatMs(limits.firstTokenTimeoutMs)}`),
          );

    try {
      const events = (await wait(adapter.open(req, controller.signal)))[Symbol.asyncIterator]();
      iterator = events;
      let finishReason: TFinishReason | undefined;
      let inputTokens: number | undefined;
      let outputTokens: number | undefined;
      let outputChars = 0;
      for (;;) {
        const next = await wait(events.next());
        if (next.done) break;
        const event = next.value;
        if (event.type === "delta") {
          if (!event.text) continue;
          yielded = true;
          outputChars += event.text.length;
          yield { type: "delta", text: event.text };
        } else if (event.type === "usage") {
          // Gemini repeats running totals on every chunk: the latest report wins.
          inputTokens = event.inputTokens ?? inputTokens;
          outputTokens = event.outputTokens ?? outputTokens;
        } else {
          finishReason = event.reason;
        }
      }
      if (!finishReason) {
        throw new AiProviderError("unavailable", `${providerLabel(ctx.provider)} closed the stream before the answer was complete.`, { provider: ctx.provider });
      }
      yield {
        type: "done",
        usage: {
          inputTokens: inputTokens && inputTokens > 0 ? inputTokens : estimateTokens(inputChars),
          outputTokens: outputTokens && outputTokens > 0 ? outputTokens : estimateTokens(outputChars),
        },
        finishReason,
      };
      return;
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason;
      const mapped = error instanceof AiProviderError ? error : adapter.mapError(error);
      // A retry would repeat text the reader already has; the caller decides what to show.
      if (yielded) throw mapped;
      const delay = retryDelayFor(mapped, retryIndex, limits.policy);
      if (delay === null) throw mapped;
      await sleep(delay, req.signal);
    } finally {
      unlink();
      // Closes the connection when the consumer stopped early or the attempt failed.
      controller.abort();
      iterator?.return?.().catch(() => {});
    }
  }
}
