/**
 * The loader's presence beacon (`POST /api/widget/{botPublicId}/presence`, docs/protocol.md):
 * the page the visitor is on, for the console's live visitor list, in widget and in
 * tracking-only mode. It beats every `nextBeatSeconds` while the page is visible, and at
 * once on single-page navigation and when the page becomes visible again. The key is random
 * per page load and lives in memory only: nothing is stored for presence.
 */
import { LIVE_CHAT_LIMITS, type TPresenceReply } from "../../lib/live-chat/protocol";
import type { TPageInfo } from "../../lib/widget/protocol";
import { isInvitation } from "./post-message";

export type TPresenceOptions = {
  origin: string;
  botId: string;
  mode: "widget" | "track";
  locale: string;
  page: () => TPageInfo;
  /** Whether the visitor has a session (the frame said so), and its token when the loader keeps it. */
  session: () => { hasSession: boolean; token: string | null };
  onReply: (reply: TPresenceReply) => void;
  /** Refused for good (unknown bot, a site outside the allowed domains): the beacon stops. */
  onRefused?: (status: number) => void;
  doc?: Document;
  fetcher?: typeof fetch;
};

const MIN_GAP_MS = 5_000;
const MAX_BEAT_MS = 5 * 60_000;

/** 128 random bits as base64url: 22 characters of the protocol's `visitorKey` alphabet. */
export function createVisitorKey(source: Pick<Crypto, "getRandomValues"> = crypto): string {
  const bytes = source.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The beacon's answer, or null when it is not one (a field of the wrong shape is not trusted). */
export function readPresenceReply(raw: unknown): TPresenceReply | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { nextBeatSeconds, humanAvailable, invitation } = raw as Record<string, unknown>;
  if (typeof nextBeatSeconds !== "number" || !(nextBeatSeconds > 0) || typeof humanAvailable !== "boolean") return null;
  return { nextBeatSeconds, humanAvailable, invitation: isInvitation(invitation) ? invitation : null };
}

export function startPresence(options: TPresenceOptions) {
  const { origin, botId, mode, locale, doc = document, fetcher = (input, init) => fetch(input, init) } = options;
  const visitorKey = createVisitorKey();
  const url = `${origin}/api/widget/${encodeURIComponent(botId)}/presence`;
  let everyMs = LIVE_CHAT_LIMITS.presenceBeatSeconds * 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastBeat = 0;
  let inFlight = false;
  let again = false;
  let stopped = false;
  const visible = () => doc.visibilityState === "visible";

  function schedule(delayMs = everyMs) {
    clearTimeout(timer);
    if (!stopped && visible()) timer = setTimeout(beat, delayMs);
  }

  async function beat() {
    clearTimeout(timer);
    if (stopped || !visible()) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    lastBeat = Date.now();
    const { hasSession, token } = options.session();
    // text/plain keeps the request simple (no preflight) unless the session header goes along.
    const headers: Record<string, string> = { "content-type": "text/plain" };
    if (token) headers["x-session-id"] = token;
    try {
      const response = await fetcher(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ visitorKey, mode, page: options.page(), locale, hasSession }),
        credentials: "omit",
        cache: "no-store",
      });
      if (response.status === 403 || response.status === 404) {
        stopped = true;
        options.onRefused?.(response.status);
      }
      const reply = response.ok ? readPresenceReply(await response.json()) : null;
      if (reply) {
        everyMs = Math.min(Math.max(reply.nextBeatSeconds * 1000, MIN_GAP_MS), MAX_BEAT_MS);
        options.onReply(reply);
      } else if (response.status === 429) {
        everyMs = Math.min(everyMs * 2, MAX_BEAT_MS);
      }
    } catch {
      // Offline or blocked: the next beat tries again.
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void beat();
      } else {
        schedule();
      }
    }
  }

  doc.addEventListener("visibilitychange", () => {
    if (!visible()) return clearTimeout(timer);
    // Back on the page: an entry hidden for a while has expired from the live list.
    const since = Date.now() - lastBeat;
    if (since >= MIN_GAP_MS) void beat();
    else schedule(MIN_GAP_MS - since);
  });
  void beat();
  return {
    visitorKey,
    /** Single-page navigation: the live list follows at once. */
    beat: () => void beat(),
  };
}
