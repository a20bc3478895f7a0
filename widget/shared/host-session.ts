/**
 * The loader's fallback store for the session token. Browsers that block storage in
 * cross-site frames (Safari, Brave, Chromium with third-party storage blocked, private
 * windows) leave the chat frame without localStorage; the frame then hands its token to the
 * loader, which keeps it in the host page's localStorage under a bot-specific key until the
 * session ends. Written only when the frame asks, so nothing is stored before the visitor
 * interacts.
 */
import { isSessionToken } from "./session-token";

export function createHostSessionStore(botId: string, storage: () => Storage = () => window.localStorage) {
  const key = `chatwerk:${botId}`;
  return {
    read(): string | null {
      try {
        const token = storage().getItem(key);
        return isSessionToken(token) ? token : null;
      } catch {
        return null;
      }
    },
    /** Keeps a valid token, forgets on null; anything else is ignored. */
    write(token: string | null) {
      try {
        if (token === null) storage().removeItem(key);
        else if (isSessionToken(token)) storage().setItem(key, token);
      } catch {
        // The host page's storage is blocked too: the session lasts for this page view.
      }
    },
  };
}
