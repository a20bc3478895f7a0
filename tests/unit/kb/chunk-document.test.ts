import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { estimateTokens } from "@/lib/kb/chunk/estimate-tokens";
import type { TBlock, TChunk, TParsedDocument } from "@/lib/kb/chunk/types";

const doc = (blocks: TBlock[], title = "Hilfe"): TParsedDocument => ({ title, url: "https://help.example/page", blocks });
const h = (level: 1 | 2 | 3, text: string): TBlock => ({ kind: "heading", level, text });
const p = (text: string): TBlock => ({ kind: "paragraph", text });
/** A paragraph of `sentences` distinct sentences of 10 words (13 tokens) each. */
const longText = (sentences: number, tag: string) =>
  Array.from({ length: sentences }, (_, i) => `Satz ${tag}${i} erklärt einen weiteren Schritt der langen Anleitung ganz genau.`).join(" ");
/** 30 words: more than the ~25 tokens under which a section counts as tiny. */
const filler =
  "Dieser Abschnitt beschreibt ausführlich, wie das Rad zu dir geliefert wird, wer es an der Haustür annimmt und was ihr bei der Übergabe gemeinsam prüft, bevor du unterschreibst.";

function expectWellFormed(chunks: TChunk[], maxTokens = 220) {
  chunks.forEach((chunk, i) => {
    expect(chunk.ordinal).toBe(i);
    expect(chunk.text.trim()).not.toBe("");
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.text).not.toMatch(/[ \t]{2,}|\n\s*\n|[ \t]\n|\n[ \t]/);
    expect(chunk.tokenCount).toBe(estimateTokens(chunk.text));
    expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
  });
}

describe("chunkDocument", () => {
  it("makes each FAQ question heading with its answer a chunk of its own", () => {
    const chunks = chunkDocument(
      doc([
        h(1, "Hilfe"),
        h(2, "Was kostet der Versand?"),
        p("Der Versand ist kostenlos."),
        h(2, "Wie kündige ich?"),
        p("In der App unter Konto."),
        { kind: "list", items: ["Konto öffnen", "Kündigen tippen"] },
        h(2, "Lieferung"),
        p(filler),
      ]),
    );
    expectWellFormed(chunks);
    expect(chunks.map((c) => c.text)).toEqual([
      "Q: Was kostet der Versand?\nA: Der Versand ist kostenlos.",
      "Q: Wie kündige ich?\nA: In der App unter Konto.\n- Konto öffnen\n- Kündigen tippen",
      filler,
    ]);
    expect(chunks[0]!.titlePath).toBe("Hilfe › Was kostet der Versand?");
    expect(chunks.every((c) => c.url === "https://help.example/page")).toBe(true);
  });

  it("keeps explicit Q&A pairs apart, however short", () => {
    const chunks = chunkDocument(
      doc([
        p(filler),
        { kind: "qa", question: "Gibt es Rabatt?", answer: "Ja, 20 %." },
        { kind: "qa", question: "Wo ist die Station?", answer: "In Leipzig." },
        p("Kurzer Nachsatz."),
      ]),
    );
    expectWellFormed(chunks);
    expect(chunks.map((c) => c.text)).toEqual([
      filler,
      "Q: Gibt es Rabatt?\nA: Ja, 20 %.",
      "Q: Wo ist die Station?\nA: In Leipzig.",
      // The tiny trailing text cannot merge into a Q&A chunk, and its previous neighbour is one too.
      "Kurzer Nachsatz.",
    ]);
  });

  it("builds title paths from nested headings", () => {
    const chunks = chunkDocument(
      doc([h(1, "Konto und Zahlung"), h(2, "Konto"), h(3, "Passwort ändern"), p(filler), h(3, "E-Mail ändern"), p(filler), h(2, "Zahlung"), p(filler)], "Konto und Zahlung"),
    );
    expect(chunks.map((c) => c.titlePath)).toEqual([
      "Konto und Zahlung › Konto › Passwort ändern",
      "Konto und Zahlung › Konto › E-Mail ändern",
      "Konto und Zahlung › Zahlung",
    ]);
  });

  it("keeps an H1 that differs from the title in the path", () => {
    const [chunk] = chunkDocument(doc([h(1, "Anderer Titel"), h(2, "Abschnitt"), p(filler)], "Seite"));
    expect(chunk!.titlePath).toBe("Seite › Anderer Titel › Abschnitt");
  });

  it("repeats the table header in every row and splits long tables between rows", () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`E-${10 + i}`, `Bedeutung Nummer ${i} des Fehlers`, "ohne Motor"]);
    const chunks = chunkDocument(doc([h(2, "Codes"), p("Die Codes im Überblick:"), { kind: "table", header: ["Code", "Bedeutung", "Weiterfahren?"], rows }]));
    expectWellFormed(chunks);
    expect(chunks.length).toBeGreaterThan(1);
    const rowLines = chunks.flatMap((c) => c.text.split("\n")).filter((line) => line.startsWith("Code: "));
    expect(rowLines).toHaveLength(40); // every row exactly once: no overlap between table chunks
    expect(rowLines[0]).toBe("Code: E-10; Bedeutung: Bedeutung Nummer 0 des Fehlers; Weiterfahren?: ohne Motor");
    // the sentence introducing the table travels with every part of it
    expect(chunks.every((c) => c.text.startsWith("Die Codes im Überblick:\nCode: "))).toBe(true);
  });

  it("splits only an over-long section, at sentence boundaries and with overlap", () => {
    const chunks = chunkDocument(doc([h(2, "Kurz"), p(filler), h(2, "Lang"), p(longText(40, "L")), h(2, "Auch kurz"), p(filler)]), {
      maxTokens: 220,
      overlapTokens: 40,
    });
    expectWellFormed(chunks);
    const long = chunks.filter((c) => c.titlePath.endsWith("Lang"));
    expect(long.length).toBeGreaterThanOrEqual(3);
    for (const chunk of long) expect(chunk.text).toMatch(/^Satz L\d+ .*ganz genau\.$/); // whole sentences
    for (let i = 1; i < long.length; i++) {
      const firstSentence = long[i]!.text.split(". ")[0]!;
      expect(long[i - 1]!.text).toContain(firstSentence); // overlap
    }
    const sentences = long.flatMap((c) => c.text.split(/(?<=\.) /));
    expect(new Set(sentences).size).toBe(40); // nothing lost
    expect(chunks.filter((c) => c.text === filler)).toHaveLength(2); // short sections untouched, no overlap
  });

  it("merges tiny sections into the next chunk under the same parent", () => {
    const chunks = chunkDocument(doc([h(2, "Kontakt"), p("Schreib uns im Chat."), h(2, "Öffnungszeiten"), p(filler)]));
    expectWellFormed(chunks);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.titlePath).toBe("Hilfe");
    expect(chunks[0]!.text).toBe(`Kontakt\nSchreib uns im Chat.\nÖffnungszeiten\n${filler}`);
  });

  it("merges a tiny section into its parent's children but not across parents", () => {
    const chunks = chunkDocument(
      doc([h(2, "A"), h(3, "A1"), p("Nur kurz."), h(3, "A2"), p(filler), h(2, "B"), h(3, "B1"), p("Auch kurz."), h(2, "C"), p(filler)]),
    );
    expect(chunks.map((c) => [c.titlePath, c.text])).toEqual([
      ["Hilfe › A", `A1\nNur kurz.\nA2\n${filler}`],
      ["Hilfe › B › B1", "Auch kurz."],
      ["Hilfe › C", filler],
    ]);
  });

  it("never emits empty chunks", () => {
    const chunks = chunkDocument(
      doc([h(2, "Leer"), p("   "), { kind: "list", items: ["", "  "] }, h(2, "Ohne Antwort?"), { kind: "table", header: ["A"], rows: [[""]] }, { kind: "qa", question: " ", answer: "x" }]),
    );
    expect(chunks).toEqual([]);
    expect(chunkDocument(doc([]))).toEqual([]);
  });

  it("normalises whitespace and numbers chunks consecutively", () => {
    const chunks = chunkDocument(
      doc([p(`  Viel   Raum\tzwischen  Wörtern.\n\n\n${filler}  `), h(2, "Frage?"), p("  Antwort  mit   Lücken.  "), h(2, "Rest"), p(longText(30, "R"))]),
    );
    expectWellFormed(chunks);
    expect(chunks[0]!.text.startsWith("Viel Raum zwischen Wörtern.\n")).toBe(true);
    expect(chunks[1]!.text).toBe("Q: Frage?\nA: Antwort mit Lücken.");
  });

  it("splits a long FAQ answer but repeats the question in every part", () => {
    const chunks = chunkDocument(doc([h(2, "Wie funktioniert die Lieferung?"), p(longText(30, "F"))]), { maxTokens: 150, overlapTokens: 20 });
    expectWellFormed(chunks, 150);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text.startsWith("Q: Wie funktioniert die Lieferung?\nA: Satz F")).toBe(true);
  });
});
