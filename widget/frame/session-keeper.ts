/**
 * Where the session token lives: in the frame's own localStorage when the browser allows
 * it, else with the loader in the host page's localStorage (`session:store`). Called only
 * once a session exists, so nothing is stored before the visitor's first interaction.
 */
import { isSessionToken } from "../shared/session-token";
import type { TBridge } from "./bridge";
import type { TSessionStore } from "./session-store";

export function createSessionKeeper(store: TSessionStore, bridge: TBridge) {
  /** The token the loader holds for us, as far as we know. */
  let hostToken: string | null = null;
  return {
    keep(sessionId: string, open: boolean, departmentId?: string) {
      if (store.write(departmentId ? { sessionId, open, departmentId } : { sessionId, open }) || hostToken === sessionId || !isSessionToken(sessionId)) return;
      hostToken = sessionId;
      bridge.post({ type: "session:store", token: sessionId });
    },
    /** What the loader reported after `ready`. */
    noteHostToken(token: string | null) {
      hostToken = token;
    },
    /** Ending the session clears both places. */
    forget() {
      store.clear();
      hostToken = null;
      bridge.post({ type: "session:store", token: null });
    },
  };
}
