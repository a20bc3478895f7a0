import { describe, expect, it } from "vitest";
import { cannedQuery, cannedText, moveSelection, newClientMessageId, parseCommand, sendableText } from "@/components/console/composer-logic";
import { describeUserAgent, formatDuration, initials, safeHref, shortUrl, visitorTag } from "@/components/console/format";
import { isTransient, refusalKey, toRefusal } from "@/components/console/refusal";

describe("commands", () => {
  it("recognises open:/goto: the way the server does, https assumed", () => {
    expect(parseCommand("goto: shop.example/versand")).toEqual({ type: "goto", url: "https://shop.example/versand" });
    expect(parseCommand("  OPEN:http://shop.localhost:4000/a?b=1  ")).toEqual({ type: "open", url: "http://shop.localhost:4000/a?b=1" });
    expect(parseCommand("goto: javascript:alert(1)")).toEqual({ type: "goto", url: "javascript:alert(1)" });
    expect(parseCommand("Bitte gehen Sie zu goto: shop.example")).toBeNull();
    expect(parseCommand("goto: a b")).toBeNull();
    expect(parseCommand("goto:")).toBeNull();
  });
});

describe("canned responses", () => {
  it("searches while the whole text is /word", () => {
    expect(cannedQuery("/")).toBe("");
    expect(cannedQuery("/vers")).toBe("vers");
    expect(cannedQuery("/vers ")).toBeNull();
    expect(cannedQuery("Hallo /vers")).toBeNull();
    expect(cannedQuery("//")).toBeNull();
    expect(cannedQuery("/".padEnd(150, "a"))).toHaveLength(100);
  });

  it("fills in the visitor's name", () => {
    expect(cannedText({ text: "Hallo {name}, gern!" }, "Frau Berg")).toBe("Hallo Frau Berg, gern!");
    expect(cannedText({ text: "Hallo {name}, gern!" }, null)).toBe("Hallo, gern!");
  });

  it("moves the selection with wrap-around", () => {
    expect(moveSelection(0, 1, 3)).toBe(1);
    expect(moveSelection(2, 1, 3)).toBe(0);
    expect(moveSelection(0, -1, 3)).toBe(2);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});

describe("sending", () => {
  it("sends trimmed, non-empty text within the limit", () => {
    expect(sendableText("  Hallo \n", false)).toBe("Hallo");
    expect(sendableText(" \n ", false)).toBeNull();
    expect(sendableText("x".repeat(4001), true)).toBeNull();
  });

  it("makes clientMessageIds the server accepts, never the same twice", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientMessageId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe("refusals", () => {
  it("picks the reason, then the code, else the server's message", () => {
    const domain = toRefusal({ code: "forbidden", message: "evil.example is not allowed", details: { reason: "command_domain_not_allowed" } });
    expect(domain).toEqual({ code: "forbidden", reason: "command_domain_not_allowed", message: "evil.example is not allowed" });
    expect(refusalKey(domain)).toBe("command_domain_not_allowed");
    expect(refusalKey(toRefusal({ code: "not_found", message: "Conversation not found." }))).toBe("not_found");
    expect(refusalKey(toRefusal({ code: "teapot", message: "?" }))).toBeNull();
    expect(isTransient({ code: "timeout", reason: null, message: "" })).toBe(true);
    expect(isTransient(domain)).toBe(false);
  });
});

describe("display helpers", () => {
  it("formats waiting times", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(42_500)).toBe("0:42");
    expect(formatDuration(12 * 60_000 + 5_000)).toBe("12:05");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(formatDuration(-5)).toBe("0:00");
  });

  it("links only http(s) addresses", () => {
    expect(safeHref("https://shop.example/a")).toBe("https://shop.example/a");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("JaVaScRiPt:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
    expect(safeHref(null)).toBeNull();
  });

  it("shortens addresses and names", () => {
    expect(shortUrl("https://shop.example/")).toBe("shop.example");
    expect(shortUrl("https://shop.example/a?b=1")).toBe("shop.example/a?b=1");
    expect(shortUrl("javascript:alert(1)")).toBe("javascript:alert(1)");
    expect(visitorTag("clx9abc7f3k")).toBe("#7F3K");
    expect(initials("Anna Berg")).toBe("AB");
    expect(initials("<img src=x>")).toBe("IS");
    expect(initials("  ")).toBe("?");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36")).toBe("Chrome · Windows");
    expect(describeUserAgent(null)).toBeNull();
  });
});
