import { newStemmer } from "snowball-stemmers";
import { deu, eng } from "stopword";

/**
 * The built-in embedder used when no provider key is set (ARCHITECTURE 8): a signed
 * feature-hashing ("hashing trick") bag of stemmed words, word bigrams and character
 * trigrams. It needs no model download and no network, gives the same vector for the same
 * text on every machine, and is tuned for German and English help-centre text:
 * - unigrams carry topical overlap, bigrams reward matching phrases ("rotes licht"),
 * - character trigrams of the stems tie typos ("rechnug"), inflections the stemmer misses
 *   and German compounds ("rücksendung" / "zurücksenden") together.
 * The model name is part of the index key: change OFFLINE_MODEL whenever the features change,
 * or vectors from the old and new scheme would be compared with each other.
 */
export const OFFLINE_MODEL = "chatwerk-hash-v1";
export const OFFLINE_DIMENSIONS = 384;

/**
 * Weights chosen on the help-centre fixture (tests/fixtures/helpcenter, 125 questions,
 * page-level MRR over all chunks): trigrams at 0.3/√len gave 0.54, plus the square-root
 * damping in `finish` 0.59, with a flat 0.8 per trigram instead 0.66. Flat weights let long words, which are rarer
 * and more specific ("Einrichtungsgebühr"), count more: a cheap stand-in for IDF, which a
 * corpus-free embedder cannot know.
 */
const UNIGRAM_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;
const TRIGRAM_WEIGHT = 0.8;

// Different seeds keep the three feature families in separate hash spaces, so the stem "rot"
// and the trigram "rot" do not count as the same feature.
const SEED_UNIGRAM = 0x811c9dc5;
const SEED_BIGRAM = 0x2f6b7a1d;
const SEED_TRIGRAM = 0x5bd1e995;
const FNV_PRIME = 0x01000193;

/**
 * Words the stopword lists drop but a support question depends on ("Wie viele Tage…",
 * "zurück", "Uhr", "Ende"): the German list of the `stopword` package is tuned for prose and
 * removes them.
 */
const KEEP_WORDS = [
  "tag", "tage", "tagen", "jahr", "jahre", "jahren", "zeit", "uhr", "lang", "lange", "kurz", "ende",
  "offen", "neue", "neuen", "morgen", "heute", "teil", "zuruck", "suche", "startseite", "tel", "richtig",
  "schlecht", "ordnung", "recht", "beispiel", "gross", "grosse", "klein", "kleine", "leicht", "hoch",
  "fruher", "spater", "moglich", "weg", "los",
];

/** Spelled-out numbers become digits so "zwei Stunden" matches "2 Stunden". */
const NUMBER_WORDS: Record<string, string> = {
  zwei: "2", drei: "3", vier: "4", funf: "5", sechs: "6", sieben: "7", acht: "8", neun: "9", zehn: "10",
  elf: "11", zwolf: "12", vierzehn: "14", zwanzig: "20", dreissig: "30",
  two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10",
  eleven: "11", twelve: "12", fourteen: "14", twenty: "20", thirty: "30",
};

const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const HAS_DIGIT = /\d/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Lowercases and folds accents. German umlauts fold to the bare vowel (NFKD drops the
 * diaeresis) and ß to "ss", the same folding the German snowball stemmer applies, so
 * "Rücksendung" and a keyboard-without-umlauts "Rucksendung" become the same token.
 */
function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}+/gu, "");
}

const STOPWORDS = new Set([...deu, ...eng].map(foldText));
for (const word of [...KEEP_WORDS, ...Object.keys(NUMBER_WORDS)]) STOPWORDS.delete(word);

/**
 * Splits folded text into content tokens. Hyphenated codes keep their parts together
 * ("e-42", "E42" → "e42"; "e-bike" → "ebike") because error codes and product names are what
 * visitors search for; ordinary hyphenated compounds ("firmware-update") split into words.
 */
function tokenizeFolded(folded: string): string[] {
  const tokens: string[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const word = match[0];
    if (!word.includes("-")) {
      pushToken(tokens, word);
      continue;
    }
    const parts = word.split("-");
    if (parts.some((p) => p.length <= 2 || HAS_DIGIT.test(p))) pushToken(tokens, parts.join(""));
    else for (const part of parts) pushToken(tokens, part);
  }
  return tokens;
}

function pushToken(tokens: string[], word: string): void {
  const number = NUMBER_WORDS[word];
  if (number) tokens.push(number);
  else if (!STOPWORDS.has(word) && (word.length > 1 || HAS_DIGIT.test(word))) tokens.push(word);
}

const englishStemmer = newStemmer("english");
const germanStemmer = newStemmer("german");
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * Both stemmers run on every token, English first, then German, because the language of a
 * three-word query cannot be detected reliably and a query/document mismatch would make the
 * same word hash differently on each side. English first: it reduces English inflections
 * ("ordered", "orders" → "order") before the German stemmer trims "-er"/"-s" consistently,
 * and it leaves German words (which rarely end in "-ing", "-ed", "-ly") mostly untouched.
 * The stemmers are slow (~150k words/s), hence the cache: help-centre vocabulary is small.
 */
function stemToken(token: string): string {
  if (HAS_DIGIT.test(token)) return token;
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  const stem = germanStemmer.stem(englishStemmer.stem(token));
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, stem);
  return stem;
}

// One scratch buffer per dimension count: embedding is synchronous, so it is never shared.
const scratch = new Map<number, Float64Array>();

/**
 * Embeds one text into a unit-length vector of `dims` numbers. Text without any content word
 * (empty, only stopwords or punctuation) returns the zero vector: it has no direction, so
 * callers must skip it rather than store or search it (cosine distance to it is undefined).
 */
export function embedOffline(text: string, dims: number = OFFLINE_DIMENSIONS): number[] {
  let vec = scratch.get(dims);
  if (!vec) scratch.set(dims, (vec = new Float64Array(dims)));
  vec.fill(0);
  let previous = 0;
  let hasPrevious = false;
  for (const token of tokenizeFolded(foldText(text))) {
    const stem = stemToken(token);
    const hash = fnv(SEED_UNIGRAM, stem);
    addFeature(vec, hash, UNIGRAM_WEIGHT);
    if (hasPrevious) addFeature(vec, Math.imul(previous, 0x9e3779b1) ^ hash ^ SEED_BIGRAM, BIGRAM_WEIGHT);
    previous = hash;
    hasPrevious = true;
    addTrigrams(vec, stem);
  }
  return finish(vec);
}

/**
 * Queries are embedded exactly like documents: the hashing features are symmetric, and the
 * provider interface embeds queries and chunks through the same call.
 */
export function embedQueryOffline(text: string, dims: number = OFFLINE_DIMENSIONS): number[] {
  return embedOffline(text, dims);
}

/** Trigrams of "#stem#"; the padding marks word starts and ends ("#ru" ≠ "ru" mid-word). */
function addTrigrams(vec: Float64Array, stem: string): void {
  if (HAS_DIGIT.test(stem)) return; // codes must match exactly: "e42" is not close to "e43"
  const padded = `#${stem}#`;
  const weight = TRIGRAM_WEIGHT;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = SEED_TRIGRAM;
    h = Math.imul(h ^ padded.charCodeAt(i), FNV_PRIME);
    h = Math.imul(h ^ padded.charCodeAt(i + 1), FNV_PRIME);
    h = Math.imul(h ^ padded.charCodeAt(i + 2), FNV_PRIME);
    addFeature(vec, h, weight);
  }
}

/** FNV-1a, 32-bit. */
function fnv(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Adds ±weight at a hashed position. FNV's low bits are weak, so the hash is first mixed
 * (murmur3 finaliser); the top bit then gives the sign and the other 31 bits the slot, which
 * keeps sign and slot independent and makes collisions cancel out on average.
 */
function addFeature(vec: Float64Array, hash: number, weight: number): void {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  vec[(h & 0x7fffffff) % vec.length]! += h < 0 ? -weight : weight;
}

/**
 * Square-root damping, then L2 normalisation. Damping keeps a word repeated ten times in a
 * long chunk from drowning everything else (+0.05 MRR on the fixture); the sign survives.
 */
function finish(vec: Float64Array): number[] {
  let sum = 0;
  for (let i = 0; i < vec.length; i++) {
    const v = vec[i]!;
    vec[i] = v < 0 ? -Math.sqrt(-v) : Math.sqrt(v);
    sum += Math.abs(v);
  }
  if (sum === 0) return Array.from(vec);
  const scale = 1 / Math.sqrt(sum);
  const out = new Array<number>(vec.length);
  for (let i = 0; i < vec.length; i++) out[i] = vec[i]! * scale;
  return out;
}
