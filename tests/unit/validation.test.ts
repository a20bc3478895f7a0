import { describe, expect, it } from "vitest";
import { slugify, ZDomain, ZEmail, ZSlug } from "@/lib/validation/common";

describe("slugify", () => {
  it.each([
    ["Acme Support", "acme-support"],
    ["Müller & Söhne GmbH", "muller-sohne-gmbh"],
    ["Straße der Einheit", "strasse-der-einheit"],
    ["Crème Brûlée Café", "creme-brulee-cafe"],
    ["  --Hello,   World!--  ", "hello-world"],
    ["ACME_2024.support", "acme-2024-support"],
    ["日本語", ""],
  ])("%j → %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("cuts long names to 32 characters without a trailing hyphen", () => {
    expect(slugify("a".repeat(40))).toBe("a".repeat(32));
    const slug = slugify(`${"a".repeat(31)} bcd`);
    expect(slug).toBe("a".repeat(31));
    expect(slug.length).toBeLessThanOrEqual(32);
  });

  it("produces valid slugs for real names", () => {
    for (const name of ["Acme Support", "Müller & Söhne GmbH", "Zahnarztpraxis Dr. Ömer Yıldız"]) {
      expect(ZSlug.safeParse(slugify(name)).success, name).toBe(true);
    }
  });
});

describe("ZDomain", () => {
  it.each([
    ["example.com", "example.com"],
    ["Example.COM", "example.com"],
    ["  www.example.com  ", "www.example.com"],
    ["https://shop.example.co.uk/checkout?x=1", "shop.example.co.uk"],
    ["http://localhost:3000/", "localhost:3000"],
    ["*.example.com", "*.example.com"],
    ["example.com:8443", "example.com:8443"],
    ["xn--mller-kva.de", "xn--mller-kva.de"],
  ])("accepts %j as %j", (input, expected) => {
    expect(ZDomain.parse(input)).toBe(expected);
  });

  it.each(["", "example", "exa mple.com", "*.com", "-bad.example.com", "bad-.example.com", "example.c", "*example.com", "a.*.example.com", "javascript:alert(1)"])(
    "rejects %j",
    (input) => {
      expect(ZDomain.safeParse(input).success).toBe(false);
    },
  );
});

describe("ZEmail", () => {
  it("normalises case and whitespace", () => {
    expect(ZEmail.parse("  Anna.Schmidt@Example.DE ")).toBe("anna.schmidt@example.de");
  });

  it("rejects what is not an email address", () => {
    for (const input of ["", "anna", "anna@", "@example.com", `${"a".repeat(250)}@example.com`]) {
      expect(ZEmail.safeParse(input).success, input).toBe(false);
    }
  });
});
