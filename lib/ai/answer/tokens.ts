/**
 * A conservative token estimate for prompt budgets, without a tokenizer dependency.
 *
 * Calibrated against OpenAI's o200k_base encoding (gpt-4o, gpt-4.1, gpt-5, o4-mini) on the
 * German and English help-centre fixture (tests/fixtures/helpcenter, 66 pages):
 * - whole pages: the estimate is 1.08–1.29 × the real count (German and English alike);
 * - single paragraphs of 30–150 tokens: 0.92–1.45 ×, 95 % of them 1.04–1.30 ×;
 * - short messages: up to about +2 tokens or 2 × (see tests/unit/ai/answer/tokens.test.ts).
 * The older cl100k_base encoding (text-embedding-3) spends ~15 % more tokens on German, so
 * there German pages come out at 0.94–1.03 ×. Gemini's tokenizer was not measured (it needs the
 * API); keep a margin when filling a model's context to the brim.
 *
 * How: English words up to six letters are nearly always one token, longer ones add a
 * little; German-looking words (umlauts, "sch", "ung", "z", "ge-"…) split into pieces of
 * about 3.8 letters; digits go in groups of three; punctuation runs cost about one token per
 * two characters. A 10 % margin on top makes the estimate err on the high side.
 */
const PIECE = /\p{L}+(?:['’]\p{L}+)*|\p{N}+|\n+|[^\S\n]+|[^\p{L}\p{N}\s]+/gu;
const LETTER = /^\p{L}/u;
const DIGIT = /^\p{N}/u;
const NON_ASCII = /[^\x00-\x7f]/;
const GERMAN_LOOKING = /[^\x00-\x7f]|sch|ung|tz|z|ei|ck|^ge|^ver|^be/i;
// Han, kana and Hangul: about one token per character in current encodings.
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

const SHORT_WORD = 6;
const LETTERS_PER_EXTRA_TOKEN = 4;
const GERMAN_LETTERS_PER_TOKEN = 3.8;
const NON_ASCII_SURCHARGE = 0.3;
const SAFETY_MARGIN = 1.1;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(PIECE)) {
    const piece = match[0];
    if (LETTER.test(piece)) tokens += wordTokens(piece);
    else if (DIGIT.test(piece)) tokens += Math.ceil(piece.length / 3);
    else if (piece[0] === "\n") tokens += 1;
    else if (piece.trim() === "") tokens += piece.length > 1 ? 1 : 0; // a single space joins the next word
    else tokens += Math.ceil(piece.length / 2);
  }
  return Math.ceil(tokens * SAFETY_MARGIN);
}

function wordTokens(word: string): number {
  const length = word.length;
  if (CJK.test(word)) return length;
  if (GERMAN_LOOKING.test(word)) {
    return Math.max(1, length / GERMAN_LETTERS_PER_TOKEN) + (NON_ASCII.test(word) ? NON_ASCII_SURCHARGE : 0);
  }
  return length <= SHORT_WORD ? 1 : 1 + (length - SHORT_WORD) / LETTERS_PER_EXTRA_TOKEN;
}
