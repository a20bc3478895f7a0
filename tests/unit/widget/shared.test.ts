import { describe, expect, it } from "vitest";
import { readHostOrigin } from "@/widget/frame/bridge";
import { randomId } from "@/widget/frame/random-id";
import { createSessionStore } from "@/widget/frame/session-store";
import { contrastRatio, resolveColors } from "@/widget/shared/colors";
import { readWidgetConfig } from "@/widget/shared/config";
import { isFrameToLoader, isLoaderToFrame } from "@/widget/shared/post-message";
import { NAVIGATION_PROTOCOLS, safeUrl } from "@/widget/shared/url";

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

describe("session store", () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => data.set(key, value), removeItem: (key: string) => data.delete(key), data };
  };

  it("round-trips a session and ignores malformed data", () => {
    const storage = memory();
    const store = createSessionStore("bot_1", () => storage as unknown as Storage);
    expect(store.read()).toBeNull();
    store.write({ sessionId: "s_0123456789abcdefghij", open: true });
    expect(store.read()).toEqual({ sessionId: "s_0123456789abcdefghij", open: true });
    storage.data.set("chatwerk:v1:bot_1", '{"sessionId":"<script>"}');
    expect(store.read()).toBeNull();
    store.clear();
    expect(storage.data.size).toBe(0);
  });

  it("works without storage when the browser blocks it", () => {
    const store = createSessionStore("bot_1", () => {
      throw new DOMException("blocked", "SecurityError");
    });
    expect(() => store.write({ sessionId: "s_0123456789abcdefghij", open: false })).not.toThrow();
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
