import { describe, expect, it } from "vitest";
import { marketingPath, resolveLocale } from "@/lib/i18n/locale";

describe("resolveLocale", () => {
  it("takes the language from English marketing paths, whatever the cookie says", () => {
    expect(resolveLocale({ pathname: "/en", cookie: "de", acceptLanguage: "de-DE" })).toBe("en");
    expect(resolveLocale({ pathname: "/en/pricing", cookie: "de" })).toBe("en");
  });

  it("takes German from German marketing paths, whatever the cookie says", () => {
    expect(resolveLocale({ pathname: "/", cookie: "en", acceptLanguage: "en-US" })).toBe("de");
    expect(resolveLocale({ pathname: "/preise", cookie: "en" })).toBe("de");
    expect(resolveLocale({ pathname: "/datenschutz", acceptLanguage: "en" })).toBe("de");
  });

  it("does not mistake paths that merely start with /en for English pages", () => {
    expect(resolveLocale({ pathname: "/enterprise", cookie: "de" })).toBe("de");
    expect(resolveLocale({ pathname: "/english-dashboard", acceptLanguage: "de" })).toBe("de");
  });

  it("follows the cookie in the app", () => {
    expect(resolveLocale({ pathname: "/dashboard/acme", cookie: "en", acceptLanguage: "de-DE" })).toBe("en");
    expect(resolveLocale({ pathname: "/login", cookie: "de", acceptLanguage: "en-US" })).toBe("de");
  });

  it("ignores an unknown cookie value and falls back to the browser language", () => {
    expect(resolveLocale({ pathname: "/login", cookie: "fr", acceptLanguage: "en-GB,en;q=0.9" })).toBe("en");
  });

  it.each([
    ["en-US,en;q=0.9", "en"],
    ["de-AT", "de"],
    ["fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7", "en"],
    ["de;q=0.5, en;q=0.9", "en"],
    ["fr-FR, es", "de"],
    ["", "de"],
  ])("Accept-Language %j → %s", (header, expected) => {
    expect(resolveLocale({ pathname: "/login", acceptLanguage: header })).toBe(expected);
  });

  it("defaults to German without any hint", () => {
    expect(resolveLocale({})).toBe("de");
    expect(resolveLocale({ pathname: null, cookie: null, acceptLanguage: null })).toBe("de");
  });

  // Regression (found by this suite, fixed in lib):
  it("ignores languages the browser marks as not acceptable (q=0)", () => {
    expect(resolveLocale({ pathname: "/login", acceptLanguage: "en;q=0, fr" })).toBe("de");
    expect(resolveLocale({ pathname: "/login", acceptLanguage: "de;q=0, en;q=0.5" })).toBe("en");
  });
});

describe("marketingPath", () => {
  it("maps each page to its counterpart in the other language", () => {
    expect(marketingPath("pricing", "de")).toBe("/preise");
    expect(marketingPath("pricing", "en")).toBe("/en/pricing");
    expect(marketingPath("home", "en")).toBe("/en");
  });
});
