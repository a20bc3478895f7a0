import { describe, expect, it } from "vitest";
import { splitSentences } from "@/lib/kb/chunk/split-sentences";
import type { TSearchResult } from "@/lib/kb/search";
import { answerOffline, isWeakRetrieval, type TOfflineAnswer } from "@/lib/ai/answer/offline-answer";
import { DE, EN } from "./fixtures";

const ALL_DE = [DE.cancelFaq, DE.switchFaq, DE.payment, DE.export, DE.prices, DE.eInvoice];

function ask(question: string, chunks: TSearchResult[], language: "de" | "en" = "de", humanAvailable = true): TOfflineAnswer {
  return answerOffline({ question, chunks, language, fallbackMessage: "", humanAvailable });
}

/** Every quoted sentence, with its [n] marker removed, must occur verbatim in passage n. */
function expectQuotedVerbatim(answer: TOfflineAnswer, chunks: TSearchResult[]) {
  const paragraphs = answer.text.split("\n\n").filter((p) => /\[\d+\]$/.test(p));
  expect(paragraphs.length).toBe(answer.citations.length);
  for (const paragraph of paragraphs) {
    const n = Number(/\[(\d+)\]$/.exec(paragraph)![1]);
    const source = chunks.find((c) => c.chunkId === answer.citations[n - 1]!.chunkId)!;
    for (const line of paragraph.replace(/ \[\d+\]$/, "").split("\n")) {
      for (const sentence of splitSentences(line)) expect(source.text).toContain(sentence);
    }
  }
}

describe("answerOffline: German", () => {
  it("answers from the matching FAQ entry, quoting its answer, not its question", () => {
    const chunks = [DE.payment, DE.cancelFaq, DE.export, DE.switchFaq];
    const answer = ask("Wie kündige ich mein Abo?", chunks);
    expect(answer.confident).toBe(true);
    expect(answer.citations[0]).toMatchObject({ n: 1, chunkId: DE.cancelFaq.chunkId, sourceId: DE.cancelFaq.sourceId, url: DE.cancelFaq.url });
    expect(answer.text.startsWith("Das steht dazu in unserer Hilfe:")).toBe(true);
    expect(answer.text).toContain("Du kannst dein Abo jederzeit zum Ende des laufenden Monats kündigen. Öffne dazu Einstellungen > Abo > Abo beenden.");
    expect(answer.text).toContain("[1]");
    expect(answer.text).not.toContain("Q:");
    expect(answer.text).not.toContain("Wie kann ich mein Abo kündigen?");
    expectQuotedVerbatim(answer, chunks);
  });

  it("keeps the list a lead-in sentence introduces", () => {
    const answer = ask("Wie ändere ich die Zahlungsart?", ALL_DE);
    expect(answer.citations.map((c) => c.chunkId)).toEqual([DE.payment.chunkId]);
    expect(answer.text).toContain("So änderst du die Zahlungsart:\n- Öffne Einstellungen > Abo > Zahlungsart.\n- Wähle die neue Zahlungsart");
    expectQuotedVerbatim(answer, ALL_DE);
  });

  it("opens with the section's first sentence when the heading is what matched", () => {
    const answer = ask("Welche Zahlungsarten gibt es?", ALL_DE);
    expect(answer.citations[0]!.chunkId).toBe(DE.payment.chunkId);
    expect(answer.text).toContain("Wir akzeptieren SEPA-Lastschrift, Kreditkarte und PayPal.");
  });

  it("picks the right passage even when retrieval ranked it lower", () => {
    const chunks = [DE.switchFaq, DE.payment, DE.eInvoice, DE.export];
    const answer = ask("Kann ich meine Rechnungen als CSV exportieren?", chunks);
    expect(answer.confident).toBe(true);
    expect(answer.citations[0]!.chunkId).toBe(DE.export.chunkId);
    expect(answer.text).toContain("als CSV-Datei oder als ZIP-Archiv mit PDFs exportieren");
    expectQuotedVerbatim(answer, chunks);
  });

  it("cites several passages in the order they appear, each with its own number", () => {
    const chunks = [DE.prices, DE.switchFaq, DE.cancelFaq];
    const answer = ask("Was kostet der Profi-Tarif pro Monat?", chunks);
    expect(answer.citations[0]!.chunkId).toBe(DE.prices.chunkId);
    expect(answer.text).toContain("Tarif: Profi; Preis pro Monat: 29 €");
    answer.citations.forEach((citation, i) => {
      expect(citation.n).toBe(i + 1);
      expect(answer.text).toContain(`[${i + 1}]`);
    });
    expect(answer.text).not.toMatch(new RegExp(`\\[${answer.citations.length + 1}\\]`));
    expectQuotedVerbatim(answer, chunks);
  });

  it("prefers a passage in the visitor's language", () => {
    const chunks = [EN.cancelFaq, DE.cancelFaq, EN.payment];
    const answer = ask("Wie kündige ich mein Abo?", chunks);
    expect(answer.citations[0]!.chunkId).toBe(DE.cancelFaq.chunkId);
  });

  it("falls back and offers a colleague when nothing matches", () => {
    const answer = answerOffline({ question: "Habt ihr auch einen Hundesalon?", chunks: ALL_DE, language: "de", fallbackMessage: "Das weiß ich leider nicht.", humanAvailable: true });
    expect(answer).toEqual({ text: "Das weiß ich leider nicht.\n\nSoll ich jemanden aus unserem Team dazuholen?", citations: [], confident: false });
  });

  it("offers to take a message when nobody is available, with a German default text", () => {
    const answer = ask("Wie kündige ich?", [], "de", false);
    expect(answer.confident).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.text).toContain("Dazu habe ich in unseren Unterlagen leider nichts gefunden.");
    expect(answer.text).toContain("eine Nachricht an uns ist aber jederzeit möglich");
  });

  it("is unsure, says so and offers help when only part of the question is covered", () => {
    const answer = ask("Kann ich mein Abo auf meinen Nachbarn übertragen?", ALL_DE);
    expect(answer.confident).toBe(false);
    expect(answer.text.startsWith("Ich bin nicht ganz sicher")).toBe(true);
    expect(answer.text.endsWith("Soll ich jemanden aus unserem Team dazuholen?")).toBe(true);
  });

  it("answers a greeting without a fallback", () => {
    expect(ask("Hallo!", ALL_DE)).toEqual({ text: "Hallo! Wobei kann ich helfen?", citations: [], confident: true });
    expect(ask("Vielen Dank!", ALL_DE).text).toContain("Gern geschehen");
  });

  it("is deterministic", () => {
    const first = ask("Welche Formate hat die E-Rechnung?", ALL_DE);
    expect(ask("Welche Formate hat die E-Rechnung?", ALL_DE)).toEqual(first);
    expect(first.citations[0]!.chunkId).toBe(DE.eInvoice.chunkId);
  });
});

describe("answerOffline: English", () => {
  const ALL_EN = [EN.team, EN.cancelFaq, EN.payment, EN.export];

  it("answers from the FAQ entry with an English lead-in", () => {
    const chunks = [EN.export, EN.cancelFaq, EN.payment];
    const answer = ask("How do I cancel my subscription?", chunks, "en");
    expect(answer.confident).toBe(true);
    expect(answer.citations[0]!.chunkId).toBe(EN.cancelFaq.chunkId);
    expect(answer.text.startsWith("Here's what our help pages say:")).toBe(true);
    expect(answer.text).toContain("Go to Settings > Subscription > End subscription.");
    expect(answer.text).not.toContain("How do I cancel my subscription?");
    expectQuotedVerbatim(answer, chunks);
  });

  it("answers a how-to with its steps", () => {
    const answer = ask("How can I change my payment method?", ALL_EN, "en");
    expect(answer.citations[0]!.chunkId).toBe(EN.payment.chunkId);
    expect(answer.text).toContain("- Open Settings > Subscription > Payment method.");
    expectQuotedVerbatim(answer, ALL_EN);
  });

  it("answers how many users a plan has from the team page", () => {
    const answer = ask("How many users are included?", ALL_EN, "en");
    expect(answer.citations[0]!.chunkId).toBe(EN.team.chunkId);
    expect(answer.text).toContain("The Pro plan includes up to five users.");
  });

  it("falls back in English and offers to take a message", () => {
    const answer = ask("Do you sell pizza?", ALL_EN, "en", false);
    expect(answer.confident).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.text).toBe(
      "Sorry, I couldn't find anything about that in our documentation.\n\nNobody from our team is online right now, but you can leave us a message and we'll get back to you by email.",
    );
  });

  it("offers a colleague in English when one is available", () => {
    expect(ask("Do you sell pizza?", ALL_EN, "en", true).text).toContain("Would you like me to bring in someone from our team?");
  });
});

describe("isWeakRetrieval", () => {
  it("is weak without passages or without a content word in the question", () => {
    expect(isWeakRetrieval("Wie kündige ich?", [])).toBe(true);
    expect(isWeakRetrieval("Wie geht das?", ALL_DE)).toBe(true);
    expect(isWeakRetrieval("???", ALL_DE)).toBe(true);
  });

  it("is weak when no top passage shares a content word, whatever the fused score", () => {
    const confidentLooking = ALL_DE.map((c) => ({ ...c, score: 1.7 })); // top of both lists
    expect(isWeakRetrieval("Habt ihr einen Hundesalon?", confidentLooking)).toBe(true);
  });

  it("only looks at the top passages", () => {
    expect(isWeakRetrieval("Geht ZUGFeRD?", [DE.cancelFaq, DE.switchFaq, DE.payment, DE.eInvoice])).toBe(true);
    expect(isWeakRetrieval("Geht ZUGFeRD?", [DE.eInvoice, DE.cancelFaq])).toBe(false);
  });

  it("counts compounds, inflections and heading words as shared", () => {
    expect(isWeakRetrieval("Kündigungsfrist?", [DE.cancelFaq])).toBe(false);
    expect(isWeakRetrieval("Zahlungsarten", [DE.payment])).toBe(false);
    expect(isWeakRetrieval("cancelling", [EN.cancelFaq])).toBe(false);
    expect(isWeakRetrieval("Preise", [{ ...DE.prices, text: "Start: 9 €" }])).toBe(false);
  });
});

describe("answerOffline: long text", () => {
  it("quotes at most ~400 characters of a sentence that never ends", () => {
    const run = { ...DE.export, text: `Exporte ${"und noch mehr Rechnungen im Archiv ".repeat(40)}` };
    const answer = ask("Exporte der Rechnungen", [run]);
    const quoted = answer.text.split("\n\n")[1]!;
    expect(quoted.length).toBeLessThan(420);
    expect(quoted).toMatch(/ … \[1\]$/);
  });
});
