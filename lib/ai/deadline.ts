import { type AiProviderError } from "./errors";

/**
 * Settles with `promise`, unless `ms` pass first (rejects with `onTimeout()` and aborts the
 * attempt, which closes the connection) or the attempt is aborted (rejects with its reason).
 * SDKs honour abort signals, but racing here keeps "stop now" independent of how quickly a
 * given SDK notices.
 */
export function within<T>(promise: Promise<T>, ms: number, attempt: AbortController, onTimeout: () => AiProviderError): Promise<T> {
  // The loser of the race must not surface later as an unhandled rejection.
  promise.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const signal = attempt.signal;
    if (signal.aborted) return reject(signal.reason);
    const cleanup = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(onTimeout());
      attempt.abort();
    }, Math.max(0, ms));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/** An attempt's controller that also aborts when the caller's signal does (with its reason). */
export function linkedController(parent?: AbortSignal): { controller: AbortController; unlink: () => void } {
  const controller = new AbortController();
  if (!parent) return { controller, unlink: () => {} };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, unlink: () => {} };
  }
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener("abort", onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener("abort", onAbort) };
}
