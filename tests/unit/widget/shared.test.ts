import { afterEach, describe, expect, it, vi } from "vitest";
import { readHostOrigin } from "@/widget/frame/bridge";
import { readFrameConfig, readPreChat } from "@/widget/frame/pre-chat-config";
import { randomId } from "@/widget/frame/random-id";
import { createSessionStore } from "@/widget/frame/session-store";
import { contrastRatio, resolveColors } from "@/widget/shared/colors";
import { readWidgetConfig } from "@/widget/shared/config";
import { createHostSessionStore } from "@/widget/shared/host-session";
import { watchNavigation } from "@/widget/shared/loader-dom";
import { pageInfo } from "@/widget/shared/page-info";
import { isFrameToLoader, isLoaderToFrame } from "@/widget/shared/post-message";
import { NAVIGATION_PROTOCOLS, safeUrl } from "@/widget/shared/url";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

describe("resolveColors", () => {
  it("keeps an owner's pair when it is readable", () => {
    expect(resolveColors({ primary: "#1E3A8A", onPrimary: "#fff" })).toEqual({ primary: "#1e3a8a", onPrimary: "#ffffff", accentText: "#1e3a8a" });
  });

  it("replaces unreadable text colours and light accents", () => {
    const colors = resolveColors({ primary: "#fde047", onPrimary: "#ffffff" });
    expect(colors.onPrimary).toBe("#111827");
    expect(colors.accentText).toBe("#111827");
    expect(contrastRatio(colors.primary, colors.onPrimary)).toBeGreaterThanOrEqual(4.5);
  });

  it("refuses anything that is not a hex colour, since it ends up in CSS", () => {
    expect(resolveColors({ primary: "red;background:url(https://evil.example)", onPrimary: "expression(alert(1))" }).primary).toBe("#2563eb");
  });
});

describe("safeUrl", () => {
  it("allows http(s) navigation only", () => {
    expect(safeUrl("https://shop.example/cart", NAVIGATION_PROTOCOLS)).toBe("https://shop.example/cart");
    expect(safeUrl("mailto:a@b.example", NAVIGATION_PROTOCOLS)).toBeNull();
    expect(safeUrl(" javascript:alert(1)", NAVIGATION_PROTOCOLS)).toBeNull();
    expect(safeUrl("/relative", NAVIGATION_PROTOCOLS)).toBeNull();
    expect(safeUrl(42, NAVIGATION_PROTOCOLS)).toBeNull();
  });
});

describe("postMessage shapes", () => {
  it("accepts the protocol's frame messages and nothing else", () => {
    expect(isFrameToLoader({ source: "chatwerk", type: "ready", hasSession: false, open: false })).toBe(true);
    expect(isFrameToLoader({ source: "chatwerk", type: "command", command: { type: "goto", url: "https://x.example" } })).toBe(true);
    expect(isFrameToLoader({ source: "chatwerk", type: "event", name: "message", detail: {} })).toBe(true);
    expect(isFrameToLoader({ source: "other", type: "open" })).toBe(false);
    expect(isFrameToLoader({ source: "chatwerk", type: "event", name: "constructor" })).toBe(false);
    expect(isFrameToLoader({ source: "chatwerk", type: "unread", count: -1 })).toBe(false);
    expect(isFrameToLoader({ source: "chatwerk", type: "command", command: { type: "eval", url: "x" } })).toBe(false);
    expect(isFrameToLoader("chatwerk")).toBe(false);
  });

  it("accepts the protocol's loader messages and nothing else", () => {
    expect(isLoaderToFrame({ source: "chatwerk", type: "setVisitor", visitor: { name: "Ada" } })).toBe(true);
    expect(isLoaderToFrame({ source: "chatwerk", type: "page", page: { url: "https://x.example", title: "X", referrer: "" } })).toBe(true);
    expect(isLoaderToFrame({ source: "chatwerk", type: "setVisitor", visitor: { name: 1 } })).toBe(false);
    expect(isLoaderToFrame({ source: "chatwerk", type: "ready", hasSession: true, open: true })).toBe(false);
    expect(isLoaderToFrame({ source: "chatwerk", type: "page", page: { url: "x".repeat(2001), title: "", referrer: "" } })).toBe(false);
  });

  it("accepts session tokens of the server's shape only, both ways", () => {
    for (const [type, check] of [["session", isLoaderToFrame], ["session:store", isFrameToLoader]] as const) {
      expect(check({ source: "chatwerk", type, token: TOKEN })).toBe(true);
      expect(check({ source: "chatwerk", type, token: null })).toBe(true);
      expect(check({ source: "chatwerk", type, token: `${TOKEN}x` })).toBe(false);
      expect(check({ source: "chatwerk", type, token: `${TOKEN.slice(1)}=` })).toBe(false);
      expect(check({ source: "chatwerk", type, token: "<script>alert(1)</script>".padEnd(43, "a") })).toBe(false);
      expect(check({ source: "chatwerk", type })).toBe(false);
    }
    expect(isLoaderToFrame({ source: "chatwerk", type: "session:store", token: TOKEN })).toBe(false);
    expect(isFrameToLoader({ source: "chatwerk", type: "session", token: TOKEN })).toBe(false);
  });
});

describe("pageInfo", () => {
  it("drops fragments except hash-router paths and keeps the protocol's limits", () => {
    expect(pageInfo("https://shop.example/a?b=1#access_token=secret", "Shop", "").url).toBe("https://shop.example/a?b=1");
    expect(pageInfo("https://shop.example/#/cart", "Shop", "").url).toBe("https://shop.example/#/cart");
    expect(pageInfo("https://shop.example/#!/cart", "Shop", "").url).toBe("https://shop.example/#!/cart");
    const long = pageInfo(`https://shop.example/${"a".repeat(3000)}`, "t".repeat(400), `https://ref.example/${"r".repeat(3000)}`);
    expect([long.url.length, long.title.length, long.referrer.length]).toEqual([2000, 300, 2000]);
  });
});

describe("watchNavigation", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("notices pushState, replaceState, popstate and hashchange, once per burst, and keeps history working", () => {
    vi.useFakeTimers();
    const calls: unknown[][] = [];
    const fakeHistory = {
      pushState(...args: unknown[]) {
        calls.push(["push", this, ...args]);
        return "pushed";
      },
      replaceState(...args: unknown[]) {
        calls.push(["replace", this, ...args]);
      },
    };
    const fakeWindow = new EventTarget();
    vi.stubGlobal("history", fakeHistory);
    vi.stubGlobal("window", fakeWindow);
    const onChange = vi.fn();
    watchNavigation(onChange, 300);

    expect((fakeHistory.pushState as (...args: unknown[]) => unknown)({ a: 1 }, "", "/boots")).toBe("pushed");
    fakeHistory.replaceState({ b: 2 }, "", "/boots?size=42");
    expect(calls).toEqual([["push", fakeHistory, { a: 1 }, "", "/boots"], ["replace", fakeHistory, { b: 2 }, "", "/boots?size=42"]]);
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(onChange).toHaveBeenCalledOnce();

    fakeWindow.dispatchEvent(new Event("popstate"));
    vi.advanceTimersByTime(300);
    fakeWindow.dispatchEvent(new Event("hashchange"));
    vi.advanceTimersByTime(300);
    expect(onChange).toHaveBeenCalledTimes(3);
  });
});

describe("host page session store (loader)", () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), removeItem: (key: string) => void data.delete(key), data };
  };

  it("keeps a valid token under a bot-specific key and forgets it on null", () => {
    const storage = memory();
    const store = createHostSessionStore("bot_1", () => storage as unknown as Storage);
    expect(store.read()).toBeNull();
    expect(storage.data.size).toBe(0);
    store.write(TOKEN);
    expect(storage.data.get("chatwerk:bot_1")).toBe(TOKEN);
    expect(store.read()).toBe(TOKEN);
    expect(createHostSessionStore("bot_2", () => storage as unknown as Storage).read()).toBeNull();
    store.write(null);
    expect(storage.data.size).toBe(0);
  });

  it("refuses anything that is not a token, written or found", () => {
    const storage = memory();
    const store = createHostSessionStore("bot_1", () => storage as unknown as Storage);
    store.write("<img src=x onerror=alert(1)>");
    expect(storage.data.size).toBe(0);
    storage.data.set("chatwerk:bot_1", "tampered by the page");
    expect(store.read()).toBeNull();
  });

  it("does not throw when the host page's storage is blocked too", () => {
    const store = createHostSessionStore("bot_1", () => {
      throw new DOMException("blocked", "SecurityError");
    });
    expect(() => store.write(TOKEN)).not.toThrow();
    expect(() => store.write(null)).not.toThrow();
    expect(store.read()).toBeNull();
  });
});

describe("readHostOrigin", () => {
  it("takes exactly an http(s) origin", () => {
    expect(readHostOrigin("?origin=https%3A%2F%2Fshop.example")).toBe("https://shop.example");
    expect(readHostOrigin("?origin=http%3A%2F%2Flocalhost%3A3000")).toBe("http://localhost:3000");
    expect(readHostOrigin("?origin=https%3A%2F%2Fshop.example%2Fpath")).toBeNull();
    expect(readHostOrigin("?origin=*")).toBeNull();
    expect(readHostOrigin("?origin=null")).toBeNull();
    expect(readHostOrigin("")).toBeNull();
  });
});

describe("readWidgetConfig", () => {
  it("fills defaults for missing or malformed fields", () => {
    const config = readWidgetConfig({ botId: "bot_1", origin: "https://app.example", position: "top", closeBehavior: 1, texts: { de: { suggestions: ["a", 2, " "] } } });
    expect(config).toMatchObject({ position: "right", closeBehavior: "end", showBranding: true, launcherIcon: "chat", defaultLocale: "de" });
    expect(config?.texts.de.suggestions).toEqual(["a"]);
    expect(config?.texts.en).toEqual({ greeting: "", suggestions: [], overrides: {} });
    expect(readWidgetConfig({ title: "no ids" })).toBeNull();
  });
});

describe("readPreChat", () => {
  const field = (overrides: Record<string, unknown>) => ({ key: "email", type: "email", label: { de: "E-Mail", en: "Email" }, required: true, options: [], ...overrides });

  it("keeps well-formed fields and drops the rest", () => {
    const preChat = readPreChat({
      enabled: true,
      fields: [
        field({}),
        field({ key: "email" }),
        field({ key: "Bad Key" }),
        field({ key: "kind", type: "radio" }),
        field({ key: "dept", type: "department", options: [] }),
        field({ key: "topic", type: "select", options: ["A", "A", " ", 3, "B"], label: { en: "Topic" } }),
        field({ key: "note", type: "textarea", options: ["ignored"], required: "yes" }),
      ],
    });
    expect(preChat.enabled).toBe(true);
    expect(preChat.fields).toEqual([
      { key: "email", type: "email", label: { de: "E-Mail", en: "Email" }, required: true, options: [] },
      { key: "topic", type: "select", label: { de: "Topic", en: "Topic" }, required: true, options: ["A", "B"] },
      { key: "note", type: "textarea", label: { de: "E-Mail", en: "Email" }, required: false, options: [] },
    ]);
  });

  it("is off without usable fields or when not enabled", () => {
    expect(readPreChat({ enabled: true, fields: [field({ type: "nope" })] })).toEqual({ enabled: false, fields: [] });
    expect(readPreChat({ enabled: false, fields: [field({})] }).enabled).toBe(false);
    expect(readPreChat("garbage")).toEqual({ enabled: false, fields: [] });
    expect(readFrameConfig({ botId: "bot_1", origin: "https://app.example", preChat: { enabled: true, fields: [field({})] } })?.preChat.enabled).toBe(true);
  });
});

describe("session store", () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => data.set(key, value), removeItem: (key: string) => data.delete(key), data };
  };

  it("round-trips a session and ignores malformed data", () => {
    const storage = memory();
    const store = createSessionStore("bot_1", () => storage as unknown as Storage);
    expect(store.read()).toBeNull();
    expect(store.write({ sessionId: TOKEN, open: true })).toBe(true);
    expect(store.read()).toEqual({ sessionId: TOKEN, open: true });
    storage.data.set("chatwerk:v1:bot_1", '{"sessionId":"<script>"}');
    expect(store.read()).toBeNull();
    store.clear();
    expect(storage.data.size).toBe(0);
  });

  it("works without storage when the browser blocks it", () => {
    const store = createSessionStore("bot_1", () => {
      throw new DOMException("blocked", "SecurityError");
    });
    expect(store.write({ sessionId: TOKEN, open: false })).toBe(false);
    expect(store.read()).toBeNull();
  });
});

describe("randomId", () => {
  it("falls back to a v4 UUID from getRandomValues outside secure contexts", () => {
    const id = randomId({ getRandomValues: crypto.getRandomValues.bind(crypto) });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
