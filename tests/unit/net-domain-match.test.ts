import { beforeAll, describe, expect, it } from "vitest";
import { setRuntimeEnv } from "@/lib/config/env";
import { domainMatches } from "@/lib/net/domain-match";
import { originAllowed } from "@/lib/widget/frame-page";

describe("allowed widget domains", () => {
  it("matches exact hosts, and subdomains only with *.", () => {
    expect(domainMatches("shop.example", "shop.example")).toBe(true);
    expect(domainMatches("www.shop.example", "shop.example")).toBe(false);
    expect(domainMatches("www.shop.example", "*.shop.example")).toBe(true);
    expect(domainMatches("shop.example", "*.shop.example")).toBe(true);
    expect(domainMatches("evilshop.example", "*.shop.example")).toBe(false);
    expect(domainMatches("shop.example.evil.com", "*.shop.example")).toBe(false);
    expect(domainMatches("LOCALHOST", "localhost:3000")).toBe(true);
  });

  beforeAll(() => setRuntimeEnv({ BASE_URL: "http://localhost:3000" }));

  it("checks whole origins: scheme, no paths, empty list allows all; our own origin always", () => {
    expect(originAllowed("http://localhost:3000", ["shop.example"])).toBe(true);
    expect(originAllowed("https://shop.example", ["shop.example"])).toBe(true);
    expect(originAllowed("https://other.example", ["shop.example"])).toBe(false);
    expect(originAllowed("https://other.example", [])).toBe(true);
    expect(originAllowed("https://shop.example/path", ["shop.example"])).toBe(false);
    expect(originAllowed("javascript:alert(1)", [])).toBe(false);
    expect(originAllowed("not a url", [])).toBe(false);
  });
});
