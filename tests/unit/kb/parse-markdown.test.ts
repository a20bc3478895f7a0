import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { detectLanguage } from "@/lib/kb/chunk/detect-language";
import { parseMarkdown } from "@/lib/kb/chunk/parse-markdown";

const corpus = path.join(process.cwd(), "tests/fixtures/helpcenter");
const pages = ["de", "en"].flatMap((lang) =>
  readdirSync(path.join(corpus, lang))
    .filter((f) => f.endsWith(".md"))
    .map((file) => ({ lang, file, markdown: readFileSync(path.join(corpus, lang, file), "utf8") })),
);

describe("parseMarkdown", () => {
  it("reads front matter, headings, lists, tables, code and inline markup", () => {
    const doc = parseMarkdown(
      [
        "---",
        'title: "Akku & Laden"',
        "url: https://help.example/akku",
        "lang: de",
        "---",
        "",
        "# Akku & Laden",
        "",
        "Lies **zuerst** die [Sicherheitshinweise](https://help.example/safety) und `E-61`.",
        "Zweite Zeile.",
        "",
        "## Schritte ##",
        "",
        "1. Akku *herausnehmen*",
        "2) Laden",
        "   bis er voll ist",
        "",
        "- Punkt A",
        "* Punkt B",
        "",
        "| Stufe | Reichweite |",
        "|:---|---:|",
        "| Eco | 120 km |",
        "| Turbo \\| Boost | 40 km |",
        "",
        "```sh",
        "reset --hard",
        "```",
        "",
        "Hinweis",
        "-------",
        "> Zitierter Text",
      ].join("\n"),
      { title: "ignored", url: "https://ignored.example" },
    );
    expect(doc).toMatchObject({ title: "Akku & Laden", url: "https://help.example/akku", language: "german" });
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Akku & Laden" },
      { kind: "paragraph", text: "Lies zuerst die Sicherheitshinweise und E-61. Zweite Zeile." },
      { kind: "heading", level: 2, text: "Schritte" },
      { kind: "list", items: ["1. Akku herausnehmen", "2. Laden bis er voll ist"] },
      { kind: "list", items: ["Punkt A", "Punkt B"] },
      { kind: "table", header: ["Stufe", "Reichweite"], rows: [["Eco", "120 km"], ["Turbo | Boost", "40 km"]] },
      { kind: "paragraph", text: "reset --hard" },
      { kind: "heading", level: 2, text: "Hinweis" },
      { kind: "paragraph", text: "Zitierter Text" },
    ]);
  });

  it("falls back to meta, then the first heading, and detects the language", () => {
    expect(parseMarkdown("## Returns\n\nYou can return the bike within 14 days of the end of your plan.", { url: "https://x.example" })).toMatchObject({
      title: "Returns",
      url: "https://x.example",
      language: "english",
    });
    expect(parseMarkdown("Text", { title: "Datei.md" }).title).toBe("Datei.md");
    expect(parseMarkdown("").blocks).toEqual([]);
  });

  it("keeps snake_case and lone asterisks", () => {
    const [block] = parseMarkdown("Set max_speed to 25 and compute 5 * 3 * 2.").blocks;
    expect(block).toEqual({ kind: "paragraph", text: "Set max_speed to 25 and compute 5 * 3 * 2." });
  });

  it.each(pages)("chunks help-centre page $lang/$file sensibly", ({ lang, markdown }) => {
    const doc = parseMarkdown(markdown);
    expect(doc.language).toBe(lang === "de" ? "german" : "english");
    expect(doc.url).toMatch(/^https:\/\//);
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    for (const chunk of chunks) {
      expect(chunk.tokenCount).toBeLessThanOrEqual(230);
      expect(chunk.text.trim()).not.toBe("");
      expect(chunk.titlePath.startsWith(doc.title)).toBe(true);
      expect(chunk.url).toBe(doc.url);
    }
    const words = markdown.split(/\s+/).length;
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(words / 15)); // not shredded into one-liners
    const questions = [...markdown.matchAll(/^#{2,6} +(.+\?)[ \t]*$/gm)].map((m) => m[1]!);
    for (const question of questions) expect(chunks.some((c) => c.text.startsWith(`Q: ${question}\nA: `))).toBe(true);
  });
});

describe("detectLanguage", () => {
  it.each(pages)("recognises $lang/$file without its front matter", ({ lang, markdown }) => {
    expect(detectLanguage(markdown.replace(/^---[\s\S]*?\n---\n/, ""))).toBe(lang === "de" ? "german" : "english");
  });

  it.each([
    ["Wie kündige ich mein Abo?", "german"],
    ["How do I cancel my plan and what does it cost?", "english"],
    ["E-42", "simple"],
    ["Rechnung PDF", "simple"],
    ["Das Rad is great and the Akku ist gut", "simple"],
  ])("%j → %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
