/**
 * The only thing the widget keeps in the visitor's browser: the session token (whether the
 * panel was open, the department chosen in the pre-chat form), in localStorage on our
 * origin, written only once a session exists.
 * Browsers that block storage in cross-site frames make every access throw; `write` then
 * reports false and the chat client hands the token to the loader instead
 * (widget/shared/host-session.ts).
 */
import { isSessionToken } from "../shared/session-token";

export type TStoredSession = { sessionId: string; open: boolean; departmentId?: string };

const DEPARTMENT_ID = /^[\w-]{1,64}$/;

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
        const { sessionId, open, departmentId } = parsed as Record<string, unknown>;
        if (!isSessionToken(sessionId)) return null;
        return typeof departmentId === "string" && DEPARTMENT_ID.test(departmentId) ? { sessionId, open: open === true, departmentId } : { sessionId, open: open === true };
      } catch {
        return null;
      }
    },
    /** True when the session is kept here; false when this frame has no usable storage. */
    write(session: TStoredSession): boolean {
      try {
        const target = access();
        target?.setItem(key, JSON.stringify(session));
        return target !== null && target !== undefined;
      } catch {
        return false;
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
