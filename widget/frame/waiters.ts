/** Promises that settle when something happens, or with false after a timeout. */
export function createWaiters() {
  const waiting = new Set<() => void>();
  return {
    wait(timeoutMs: number): Promise<boolean> {
      return new Promise((resolve) => {
        const settle = (ok: boolean) => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve(ok);
        };
        const done = () => settle(true);
        const timer = setTimeout(() => settle(false), timeoutMs);
        waiting.add(done);
      });
    },
    release() {
      for (const done of [...waiting]) done();
    },
  };
}
