import { foldText } from "./terms";

/**
 * German or English for a visitor's message, or null when unsure. Visitor messages are
 * short ("Rechnung fehlt", "how do I cancel?"), so function words alone are too rare;
 * three signals are added up:
 * - words only one of the languages uses (function words and everyday support vocabulary);
 * - spelling that only one language has: ä/ö/ü/ß, "sch", "-ung", "z" for German; "th",
 *   "wh-", "-ing", a "c" that is not part of "ch"/"ck", "y" for English;
 * - accents that neither writes (é, ñ, ç…) count against both, so French or Spanish is null;
 * no dictionary, no model.
 * Words both languages share ("was", "will", "hat", "in", "so", "app", "online") count for
 * neither.
 */
export type TVisitorLanguage = "de" | "en";

const GERMAN_WORDS = new Set(
  (
    "der die das den dem des ein eine einen einem einer und oder aber nicht kein keine ist sind bin bist war " +
    "habe hast haben hatte ich du er sie wir ihr mich mir dich dir uns euch mein meine meinen meiner dein deine " +
    "ihre ihren unser unsere sich wie wo wer wann warum wieso weshalb welche welcher welches wohin woher " +
    "kann kannst konnen muss musst mussen soll sollte darf durfen mochte mochten wurde werden wird gibt geht " +
    "bitte danke hallo moin servus tschuss guten tag abend morgen mit von vom zum zur fur auf aus bei nach " +
    "uber unter noch schon auch nur mal doch ja nein nicht nichts etwas viel wieviel wie viel " +
    "rechnung lieferung bestellung kundigen kundigung abo konto passwort zahlung preis preise kosten kostet " +
    "hilfe frage fragen funktioniert kaputt defekt geld zuruck ruckgabe umtausch versand erhalten bekommen " +
    "vergessen andern anmelden abmelden termin mitarbeiter mensch jemand sprechen leider tun machen beim"
  ).split(" "),
);

const ENGLISH_WORDS = new Set(
  (
    "the a and or but not no is are were be been do does did have has had i you he she we they " +
    "me my your our their it its this that these those what where who when why which how can could would " +
    "should must may might shall get got to of for with from at by on about into please thanks thank " +
    "hello yes there here any some just still " +
    "invoice bill delivery order cancel cancellation subscription password payment price prices cost " +
    "costs help question questions work works working broken refund return shipping received receive " +
    "forgot change sign appointment someone human speak talk agent hours"
  ).split(" "),
);

const WORD_WEIGHT = 2;
const SPELLING_WEIGHT = 0.75;
const UMLAUT_WEIGHT = 2;
const OTHER_WEIGHT = 3;
const MIN_SCORE = 2;
// Accents neither German nor English writes: Spanish, French, Italian, Portuguese… text.
const OTHER_LATIN = /[áéíóúñçàèìòùâêîôûœ¿¡ãõ]/giu;
const CLEAR_MAJORITY = 0.65;

export function detectLanguage(text: string): TVisitorLanguage | null {
  let german = 0;
  let english = 0;
  if (/[äöüß]/i.test(text)) german += UMLAUT_WEIGHT;
  const words = foldText(text.replace(/’/g, "'")).match(/\p{L}+(?:'\p{L}+)?/gu) ?? [];
  for (const word of words.slice(0, 200)) {
    if (GERMAN_WORDS.has(word)) german += WORD_WEIGHT;
    else if (ENGLISH_WORDS.has(word) || /'(s|t|re|ll|ve|m|d)$/.test(word)) english += WORD_WEIGHT;
    else {
      german += germanSpelling(word) * SPELLING_WEIGHT;
      english += englishSpelling(word) * SPELLING_WEIGHT;
    }
  }
  const total = german + english + (text.match(OTHER_LATIN)?.length ?? 0) * OTHER_WEIGHT;
  if (Math.max(german, english) < MIN_SCORE) return null;
  if (german / total >= CLEAR_MAJORITY) return "de";
  if (english / total >= CLEAR_MAJORITY) return "en";
  return null;
}

function germanSpelling(word: string): number {
  let hits = 0;
  if (word.includes("sch")) hits++;
  if (/(ung|ungen|keit|heit|lich|chen)$/.test(word)) hits++;
  if (/z/.test(word) && !/zz/.test(word)) hits++;
  if (/^(ge|ver|zer|ent)\p{L}{3,}(t|en)$/u.test(word)) hits++;
  if (/(ei|ie|eu)\p{L}*en$/u.test(word) || /[^aeiou]en$/.test(word)) hits += 0.5;
  return hits;
}

function englishSpelling(word: string): number {
  let hits = 0;
  if (/th|^wh/.test(word)) hits++;
  if (/(ing|ed|ly|tion|ness|ies)$/.test(word)) hits++;
  if (/c(?![hk])/.test(word)) hits++;
  if (/y/.test(word)) hits++;
  if (/(ou|ea|ee|oo|ay)/.test(word)) hits += 0.5;
  return hits;
}
