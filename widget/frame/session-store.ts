/**
 * The only thing the widget keeps in the visitor's browser: the session id (and whether
 * the panel was open), in localStorage on our origin, written only once a session
 * exists. Storage can be blocked in third-party frames, so every access is guarded and
 * the session then lives for the page view only.
 */

export type TStoredSession = { sessionId: string; open: boolean };

const SESSION_ID = /^[\w-]{16,128}$/;

export function createSessionStore(botId: string, storage: () => Storage | null = () => window.localStorage) {
  const key = `chatwerk:v1:${botId}`;
  const access = () => {
    try {
      return storage();
    } catch {
      return null;
    }
  };

  return {
    read(): TStoredSession | null {
      try {
        const raw = access()?.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        if (typeof parsed !== "object" || parsed === null) return null;
        const { sessionId, open } = parsed as Record<string, unknown>;
        return typeof sessionId === "string" && SESSION_ID.test(sessionId) ? { sessionId, open: open === true } : null;
      } catch {
        return null;
      }
    },
    write(session: TStoredSession) {
      try {
        access()?.setItem(key, JSON.stringify(session));
      } catch {
        // Quota or privacy mode: the session still works until the page is left.
      }
    },
    clear() {
      try {
        access()?.removeItem(key);
      } catch {
        // Nothing stored that could be removed.
      }
    },
  };
}

export type TSessionStore = ReturnType<typeof createSessionStore>;
