import { newStemmer } from "snowball-stemmers";
import { deu, eng } from "stopword";

/**
 * Content words of a text, normalised the way the offline embedder does it
 * (lib/kb/embed/offline-embedder.ts keeps its helpers private): lowercase, umlauts folded,
 * stopwords of both languages dropped, English then German stemmer. Matching the embedder
 * keeps "what retrieval found" and "what the answerer recognises" the same notion.
 */

/** Words the prose-tuned German stopword list drops but support questions hinge on. */
const KEEP_WORDS = [
  "tag", "tage", "tagen", "jahr", "jahre", "zeit", "uhr", "lang", "lange", "kurz", "ende", "offen", "neue",
  "neuen", "morgen", "heute", "zuruck", "richtig", "moglich", "fruher", "spater", "weg", "los", "gross", "klein",
];

const NON_ASCII = /[^\x00-\x7f]/;
const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const HAS_DIGIT = /\d/;

export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}+/gu, "");
}

const STOPWORDS = new Set([...deu, ...eng].map(foldText));
for (const word of KEEP_WORDS) STOPWORDS.delete(word);

const englishStemmer = newStemmer("english");
const germanStemmer = newStemmer("german");
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 20_000;

function stem(token: string): string {
  if (HAS_DIGIT.test(token)) return token;
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  const result = germanStemmer.stem(englishStemmer.stem(token));
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, result);
  return result;
}

/**
 * Stemmed content words in text order (duplicates kept). Codes keep their parts together
 * ("E-42" → "e42") because visitors search for them verbatim; other hyphenated words split.
 */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of foldText(text).matchAll(TOKEN)) {
    const word = match[0];
    const parts = word.split("-");
    const pieces = parts.length > 1 && parts.some((p) => p.length <= 2 || HAS_DIGIT.test(p)) ? [parts.join("")] : parts;
    for (const piece of pieces) {
      if (STOPWORDS.has(piece)) continue;
      if (piece.length < 2 && !HAS_DIGIT.test(piece)) continue;
      terms.push(stem(piece));
    }
  }
  return terms;
}

const MIN_CONTAINED = 4;
const MIN_SHARED_PREFIX = 5;

/**
 * How well a question term is matched by a text term: 1 when equal; 0.8 when the text term
 * contains it, which is how German compounds relate ("kundig" in "kundigungsfrist");
 * 0.5 the other way round, as the text is then less specific than the question
 * ("rechnung" for "xrechnung"); 0.5 for a long shared prefix ("zuruckbring" /
 * "zuruckgeb"). Codes with digits only ever match exactly.
 */
export function termSimilarity(questionTerm: string, textTerm: string): number {
  if (questionTerm === textTerm) return 1;
  if (HAS_DIGIT.test(questionTerm) || HAS_DIGIT.test(textTerm)) return 0;
  if (questionTerm.length >= MIN_CONTAINED && textTerm.includes(questionTerm)) return 0.8;
  if (textTerm.length >= MIN_CONTAINED && questionTerm.includes(textTerm)) return 0.5;
  const shorter = Math.min(questionTerm.length, textTerm.length);
  let shared = 0;
  while (shared < shorter && questionTerm[shared] === textTerm[shared]) shared++;
  return shared >= MIN_SHARED_PREFIX ? 0.5 : 0;
}

/** The best similarity of a question term against a text's terms (0 when none is related). */
export function bestMatch(term: string, terms: ReadonlySet<string>): number {
  if (terms.has(term)) return 1;
  let best = 0;
  for (const other of terms) {
    const similarity = termSimilarity(term, other);
    if (similarity > best) best = similarity;
  }
  return best;
}

export type TWeightedTerm = { term: string; weight: number };

/**
 * The question's distinct terms, weighted by how few of the passages contain them (a local
 * IDF): in "Wie kündige ich mein Abo?" over five Abo pages, "kündig" is what tells them
 * apart, "abo" is everywhere. A term no passage has gets the base weight only: it is mostly
 * a verb the passages phrase differently ("kostet" against "Preis"), not the topic.
 */
export function weightTerms(questionTerms: string[], passages: ReadonlySet<string>[]): TWeightedTerm[] {
  const n = Math.max(1, passages.length);
  return [...new Set(questionTerms)].map((term) => {
    const df = passages.filter((terms) => bestMatch(term, terms) >= 0.8).length;
    return { term, weight: df === 0 ? 1 + Math.log(n) / 2 : 1 + Math.log(n / df) };
  });
}

/** The weighted share of question terms that `terms` matches, 0–1. */
export function coverage(question: TWeightedTerm[], terms: ReadonlySet<string>): number {
  let total = 0;
  let matched = 0;
  for (const { term, weight } of question) {
    total += weight;
    matched += weight * bestMatch(term, terms);
  }
  return total === 0 ? 0 : matched / total;
}
