import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { VISITOR_KEY_PATTERN, type TPresenceReply } from "@/lib/live-chat/protocol";
import { createVisitorKey, readPresenceReply, startPresence } from "@/widget/shared/presence";

const PAGE = { url: "https://shop.example/boots", title: "Boots", referrer: "" };
const INVITATION = { invitationId: "Inv0123456789abcdefghi", operator: { name: "Anna", avatarUrl: null }, text: "Darf ich helfen?" };

class FakeDocument extends EventTarget {
  visibilityState: "visible" | "hidden" = "visible";
  setVisible(visible: boolean) {
    this.visibilityState = visible ? "visible" : "hidden";
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

function setup(options: { reply?: Partial<TPresenceReply> | null; status?: number; token?: string | null } = {}) {
  const doc = new FakeDocument();
  const requests: { url: string; init: RequestInit; body: Record<string, unknown> }[] = [];
  const replies: TPresenceReply[] = [];
  const refused: number[] = [];
  const state = { status: options.status ?? 200, reply: options.reply === undefined ? { nextBeatSeconds: 15, humanAvailable: true, invitation: null } : options.reply };
  const fetcher = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init: init ?? {}, body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return new Response(JSON.stringify(state.reply), { status: state.status, headers: { "content-type": "application/json" } });
  });
  const presence = startPresence({
    origin: "https://app.example",
    botId: "bot_1",
    mode: "track",
    locale: "de-DE",
    page: () => PAGE,
    session: () => ({ hasSession: options.token !== undefined && options.token !== null, token: options.token ?? null }),
    onReply: (reply) => replies.push(reply),
    onRefused: (status) => refused.push(status),
    doc: doc as unknown as Document,
    fetcher: fetcher as unknown as typeof fetch,
  });
  return { doc, requests, replies, refused, presence, fetcher, state };
}

/** Lets the beat's fetch and JSON parsing settle. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("presence beacon", () => {
  it("makes a random per-page-load key of the protocol's alphabet", () => {
    const a = createVisitorKey();
    expect(a).toMatch(VISITOR_KEY_PATTERN);
    expect(a).toHaveLength(22);
    expect(createVisitorKey()).not.toBe(a);
  });

  it("beats at once and every nextBeatSeconds, as text/plain JSON without credentials", async () => {
    const { requests, replies, presence } = setup();
    await settle();
    expect(requests).toHaveLength(1);
    const [first] = requests;
    expect(first?.url).toBe("https://app.example/api/widget/bot_1/presence");
    expect(first?.init).toMatchObject({ method: "POST", credentials: "omit", headers: { "content-type": "text/plain" } });
    expect(first?.body).toEqual({ visitorKey: presence.visitorKey, mode: "track", page: PAGE, locale: "de-DE", hasSession: false });
    expect(replies).toEqual([{ nextBeatSeconds: 15, humanAvailable: true, invitation: null }]);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body.visitorKey).toBe(presence.visitorKey);
  });

  it("sends X-Session-Id only when the loader keeps the session token", async () => {
    const { requests } = setup({ token: "t".repeat(43) });
    await settle();
    expect(requests[0]?.init.headers).toEqual({ "content-type": "text/plain", "x-session-id": "t".repeat(43) });
    expect(requests[0]?.body.hasSession).toBe(true);
  });

  it("stays quiet while the page is hidden and beats again when it is shown", async () => {
    const { doc, requests } = setup();
    await settle();
    doc.setVisible(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
    doc.setVisible(true);
    await settle();
    expect(requests).toHaveLength(2);
  });

  it("beats at once on single-page navigation", async () => {
    const { presence, requests } = setup();
    await settle();
    presence.beat();
    await settle();
    expect(requests).toHaveLength(2);
  });

  it("hands on an invitation, and stops for good when the bot or the site is refused", async () => {
    const invited = setup({ reply: { nextBeatSeconds: 15, humanAvailable: false, invitation: INVITATION } });
    await settle();
    expect(invited.replies[0]?.invitation).toEqual(INVITATION);

    const refused = setup({ status: 403, reply: { error: "origin_not_allowed" } as unknown as TPresenceReply });
    await settle();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(refused.requests).toHaveLength(1);
    expect(refused.refused).toEqual([403]);
  });

  it("trusts no odd reply: bad invitations are dropped, the pace stays within bounds", () => {
    expect(readPresenceReply({ nextBeatSeconds: 15, humanAvailable: true, invitation: { ...INVITATION, invitationId: "x" } })).toEqual({ nextBeatSeconds: 15, humanAvailable: true, invitation: null });
    expect(readPresenceReply({ nextBeatSeconds: "15", humanAvailable: true })).toBeNull();
    expect(readPresenceReply({ nextBeatSeconds: 15 })).toBeNull();
    expect(readPresenceReply(null)).toBeNull();
  });

  it("beats no faster than every 5 seconds whatever the server says", async () => {
    const { requests } = setup({ reply: { nextBeatSeconds: 0.01, humanAvailable: true, invitation: null } });
    await settle();
    await vi.advanceTimersByTimeAsync(4_900);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    await settle();
    expect(requests).toHaveLength(2);
  });
});
