import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { offlineEmbedder } from "@/lib/kb/embed/embedder";
import { embedOffline, embedQueryOffline, OFFLINE_DIMENSIONS, OFFLINE_MODEL } from "@/lib/kb/embed/offline-embedder";

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const cosine = (a: string, b: string) => dot(embedOffline(a), embedQueryOffline(b)); // both are unit vectors
const norm = (v: number[]) => Math.sqrt(dot(v, v));

describe("embedOffline", () => {
  it("is deterministic and unit length", () => {
    const text = "Wie kündige ich mein Abo? You can cancel any time.";
    const a = embedOffline(text);
    expect(a).toHaveLength(OFFLINE_DIMENSIONS);
    expect(embedOffline(text)).toEqual(a);
    expect(norm(a)).toBeCloseTo(1, 10);
    expect(embedQueryOffline(text)).toEqual(a);
  });

  it("honours a custom dimension count", () => {
    const v = embedOffline("Akku laden", 64);
    expect(v).toHaveLength(64);
    expect(norm(v)).toBeCloseTo(1, 10);
  });

  it.each(["", "   ", "und die der das", "the and of to", "?! – …"])("returns the zero vector for %j", (text) => {
    const v = embedOffline(text);
    expect(v).toHaveLength(OFFLINE_DIMENSIONS);
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it("folds umlauts, ß and case the same way on both sides", () => {
    expect(embedOffline("Rücksendung")).toEqual(embedOffline("Rucksendung"));
    expect(embedOffline("Straße")).toEqual(embedOffline("STRASSE"));
    expect(embedOffline("Gebühr")).toEqual(embedOffline("Gebuhr"));
  });

  // [query, clearly related passage, unrelated passage]
  it.each<[string, string, string]>([
    ["Wie lange kann ich etwas zurücksenden?", "Rücksendung innerhalb von 14 Tagen", "Ladegerät blinkt rot"],
    ["Wie kündige ich mein Abo?", "Kündigung: Du kannst dein Abonnement zum Monatsende kündigen.", "Der Akku lädt nicht mehr."],
    ["How do I cancel my subscription?", "You can cancel your subscription at the end of any month.", "The charger light is blinking red."],
    ["Mein Akku lädt nicht", "Akku laden: So lädst du den Akku richtig auf.", "Rechnungen im Kundenkonto herunterladen"],
    ["Where can I download my invoice?", "Invoices and receipts are available as PDF downloads in your account.", "Riding safely in the rain at night"],
    ["Passwort vergessen", "Passwort zurücksetzen: Tippe in der App auf „Passwort vergessen“.", "Lieferung an eine Station"],
    ["My bike was stolen", "What to do if your bike is stolen: report the theft to the police first.", "Change your payment method to SEPA direct debit"],
    ["Reifen platt, was tun?", "Platter Reifen: Wenn dein Reifen Luft verliert, melde einen Schaden.", "Abo im Urlaub pausieren"],
    ["Zahlung fehlgeschlagen", "Wenn eine Zahlung fehlschlägt, buchen wir nach drei Tagen erneut ab.", "Sattelhöhe richtig einstellen"],
    ["How long does delivery take?", "Delivery: we deliver your bike within five working days.", "Delete your account and personal data"],
    ["Gutschein einlösen", "Gutscheine und Freunde werben: Gutscheincodes löst du beim Bezahlen ein.", "Motor überhitzt bei steilen Anstiegen"],
  ])("ranks a related passage above an unrelated one: %s", (query, related, unrelated) => {
    expect(cosine(related, query)).toBeGreaterThan(cosine(unrelated, query) + 0.1);
  });

  it("tolerates typos", () => {
    expect(cosine("Rechnung", "Rechnug")).toBeGreaterThan(0.4);
    expect(cosine("Rechnungen herunterladen", "Wo finde ich meine Rechnug?")).toBeGreaterThan(cosine("Sattel einstellen", "Wo finde ich meine Rechnug?"));
    expect(cosine("cancel subscription", "subscripton cancel")).toBeGreaterThan(0.5);
  });

  it("relates German compounds to their parts", () => {
    expect(cosine("Schloss am Fahrrad", "Fahrradschloss")).toBeGreaterThan(0.4);
    expect(cosine("Akku laden", "Ladegerät")).toBeGreaterThan(cosine("Rechnung", "Ladegerät"));
  });

  it("matches error codes exactly, however they are written", () => {
    expect(embedOffline("E42")).toEqual(embedOffline("e-42"));
    expect(cosine("Fehler E-42 am Display", "E-42")).toBeGreaterThan(0.2);
    expect(cosine("Fehler E-42 am Display", "E-42")).toBeGreaterThan(cosine("Fehler E-43 am Display", "E-42") + 0.2);
  });

  it("embeds 1,000 texts of 150 words in under 3 seconds", () => {
    const corpus = path.join(process.cwd(), "tests/fixtures/helpcenter");
    const words = ["de", "en"]
      .flatMap((lang) => readdirSync(path.join(corpus, lang)).map((f) => readFileSync(path.join(corpus, lang, f), "utf8")))
      .join(" ")
      .split(/\s+/);
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const texts = Array.from({ length: 1000 }, () => Array.from({ length: 150 }, () => words[Math.floor(next() * words.length)]).join(" "));
    const started = performance.now();
    for (const text of texts) embedOffline(text);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("offlineEmbedder", () => {
  it("describes its vector space and embeds a batch in order", async () => {
    const embedder = offlineEmbedder();
    expect(embedder).toMatchObject({ provider: "offline", model: OFFLINE_MODEL, dimensions: OFFLINE_DIMENSIONS });
    expect(embedder.maxBatch).toBeGreaterThan(0);
    const [a, b] = await embedder.embed(["Akku laden", "Rechnung herunterladen"]);
    expect(a).toEqual(embedOffline("Akku laden"));
    expect(b).toEqual(embedOffline("Rechnung herunterladen"));
  });
});
