import { linkedController, within } from "./deadline";
import { AiProviderError, formatMs, timeoutError, type TErrorContext } from "./errors";
import { retryDelayFor, sleep, type TRetryPolicy } from "./retry";

/**
 * Runs one request (e.g. an embeddings batch) with a per-attempt timeout and retries with
 * backoff for retryable failures. Failures surface as AiProviderError; a caller's abort
 * rejects with the signal's reason.
 */
export async function callWithRetry<T>(opts: {
  ctx: TErrorContext;
  policy: TRetryPolicy;
  timeoutMs: number;
  signal?: AbortSignal;
  mapError: (error: unknown) => AiProviderError;
  call: (signal: AbortSignal) => Promise<T>;
}): Promise<T> {
  for (let retryIndex = 0; ; retryIndex++) {
    opts.signal?.throwIfAborted();
    const { controller, unlink } = linkedController(opts.signal);
    try {
      return await within(opts.call(controller.signal), opts.timeoutMs, controller, () =>
        timeoutError(opts.ctx, `did not answer within ${formatMs(opts.timeoutMs)}`),
      );
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const mapped = error instanceof AiProviderError ? error : opts.mapError(error);
      const delay = retryDelayFor(mapped, retryIndex, opts.policy);
      if (delay === null) throw mapped;
      await sleep(delay, opts.signal);
    } finally {
      unlink();
      controller.abort();
    }
  }
}
