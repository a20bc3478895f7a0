import { beforeAll, describe, expect, it } from "vitest";
import { setRuntimeEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import type { TCandidate } from "@/lib/live-chat/availability";
import { pickOperator } from "@/lib/live-chat/offer-conversation";
import { parseCommand, resolveCommand } from "@/lib/live-chat/operator-commands";
import { externalReferrer, searchPhraseOf } from "@/lib/live-chat/search-phrase";
import { transcriptMail, type TTranscript } from "@/lib/live-chat/transcript-mail";
import { TEST_ENV } from "../../helpers/test-database";

/** The pure rules of live chat: who gets a chat, which commands pass, referrers, transcript rendering. */

beforeAll(() => setRuntimeEnv(TEST_ENV));

const candidate = (userId: string, activeChats: number, lastAssignedMinutesAgo: number | null, maxChats = 5): TCandidate => ({
  userId, activeChats, maxChats, departmentIds: [],
  lastAssignedAt: lastAssignedMinutesAgo === null ? null : new Date(Date.now() - lastAssignedMinutesAgo * 60_000),
});

describe("pickOperator", () => {
  const team = [candidate("anna", 3, 1), candidate("ben", 1, 30), candidate("carla", 2, null), candidate("dora", 5, 90)];

  it("round_robin: whoever got a chat longest ago (never first), below maxChats", () => {
    expect(pickOperator(team, [], "round_robin")?.userId).toBe("carla");
    expect(pickOperator(team, ["carla"], "round_robin")?.userId).toBe("ben");
  });

  it("least_busy: fewest active chats, skipping full and declining operators", () => {
    expect(pickOperator(team, [], "least_busy")?.userId).toBe("ben");
    expect(pickOperator(team, ["ben"], "least_busy")?.userId).toBe("carla");
    expect(pickOperator(team, ["ben", "carla", "anna"], "least_busy")).toBeNull();
  });
});

describe("open: / goto: commands", () => {
  const allowed = ["shop.example", "*.help.example"];
  const refusedWith = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as AppError).details?.reason;
    }
    return "accepted";
  };

  it("parses only a whole-message command", () => {
    expect(parseCommand("goto: shop.example/a")).toEqual({ type: "goto", raw: "shop.example/a" });
    expect(parseCommand("  OPEN:https://shop.example ")).toEqual({ type: "open", raw: "https://shop.example" });
    expect(parseCommand("Bitte goto: shop.example")).toBeNull();
    expect(parseCommand("goto: shop.example und mehr")).toBeNull();
  });

  it("passes allowed domains (subdomains by wildcard) and refuses everything else", () => {
    expect(resolveCommand({ type: "goto", raw: "shop.example/versand?x=1" }, allowed)).toEqual({ type: "goto", url: "https://shop.example/versand?x=1" });
    expect(resolveCommand({ type: "open", raw: "http://docs.help.example/a" }, allowed).url).toBe("http://docs.help.example/a");
    expect(refusedWith(() => resolveCommand({ type: "open", raw: "https://shop.example.evil.example/" }, allowed))).toBe("command_domain_not_allowed");
    expect(refusedWith(() => resolveCommand({ type: "open", raw: "https://evil.example/?shop.example" }, allowed))).toBe("command_domain_not_allowed");
    expect(refusedWith(() => resolveCommand({ type: "open", raw: "javascript:alert(1)" }, allowed))).toBe("command_invalid_url");
    expect(refusedWith(() => resolveCommand({ type: "open", raw: "data:text/html,hi" }, allowed))).toBe("command_invalid_url");
    expect(refusedWith(() => resolveCommand({ type: "open", raw: "https://user:pw@shop.example/" }, allowed))).toBe("command_invalid_url");
    expect(refusedWith(() => resolveCommand({ type: "goto", raw: "shop.example" }, []))).toBe("command_domain_not_allowed");
  });
});

describe("referrer and search phrase", () => {
  it("keeps only another site's referrer and reads known search engines' phrases", () => {
    expect(externalReferrer({ url: "https://shop.example/a", referrer: "https://shop.example/b" })).toBeNull();
    expect(externalReferrer({ url: "https://shop.example/a", referrer: "" })).toBeNull();
    expect(externalReferrer({ url: "https://shop.example/a", referrer: "https://blog.example/post" })).toBe("https://blog.example/post");
    expect(searchPhraseOf("https://www.google.de/search?q=lastenrad+test")).toBe("lastenrad test");
    expect(searchPhraseOf("https://de.search.yahoo.com/search?p=fahrrad%20schloss")).toBe("fahrrad schloss");
    expect(searchPhraseOf("https://yandex.ru/search/?text=velo")).toBe("velo");
    expect(searchPhraseOf("https://www.google.com/")).toBeNull();
    expect(searchPhraseOf("https://blog.example/?q=not-a-search-engine")).toBeNull();
  });
});

describe("transcript mail", () => {
  const transcript: TTranscript = {
    workspaceName: "Radhaus", botName: "Hilfe", visitor: { name: "<img src=x onerror=alert(1)>", email: null }, department: null, operators: ["Anna"],
    startedAt: new Date("2026-05-04T10:00:00Z"), closedAt: new Date("2026-05-04T10:10:00Z"), tags: ["versand"], rating: null, ratingComment: null,
    messages: [
      { at: new Date("2026-05-04T10:01:00Z"), role: "visitor", author: null, text: "<script>alert('x')</script>", internal: false },
      { at: new Date("2026-05-04T10:02:00Z"), role: "operator", author: "Anna", text: "Geheime Notiz", internal: true },
    ],
  };

  it("escapes every text in HTML and leaves internal notes out unless asked", () => {
    const external = transcriptMail("crm@example.com", transcript, { locale: "de", includeInternal: false });
    expect(external.html).not.toContain("<script>");
    expect(external.html).not.toContain("<img");
    expect(external.html).toContain("&#60;script&#62;");
    expect(external.text).toContain("<script>alert('x')</script>");
    expect(external.text + external.html).not.toContain("Geheime Notiz");
    const team = transcriptMail("anna@example.com", transcript, { locale: "en", includeInternal: true });
    expect(team.text).toContain("Anna (Internal note): Geheime Notiz");
  });
});
