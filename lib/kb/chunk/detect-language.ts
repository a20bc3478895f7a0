import type { TDocumentLanguage } from "./types";

// Frequent function words that belong to one language only ("in", "was", "will", "so" are
// in both and are left out), after lowercasing; umlauts stay as typed.
const GERMAN = new Set(
  ("der die das und ist nicht ich du sie wir ihr mit auf für von zu den dem des ein eine einen einem einer " +
    "eines auch sich wenn oder aber bei nach wird werden kann können im zum zur über noch nur wie hat haben " +
    "sind bitte dein deine dich dir dass mein meine kein keine ob sowie unter vom wo warum wann welche").split(" "),
);
const ENGLISH = new Set(
  ("the and is are not you your we with for of to it this that be can from by what how have has or but if " +
    "when at our my do does which who there their they would should could been were on").split(" "),
);

const MIN_HITS = 3;
const CLEAR_MAJORITY = 0.75;

/**
 * German or English by the share of function words of each; "simple" (no stemming in
 * Postgres full-text search) when the text is too short or mixed to tell. Only the first
 * ~2,000 words are read: more does not change the answer.
 */
export function detectLanguage(text: string): TDocumentLanguage {
  let german = 0;
  let english = 0;
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  for (const word of words.slice(0, 2000)) {
    if (GERMAN.has(word)) german++;
    else if (ENGLISH.has(word)) english++;
  }
  if (/[äöüß]/i.test(text)) german += 1;
  const total = german + english;
  if (total < MIN_HITS) return "simple";
  if (german / total >= CLEAR_MAJORITY) return "german";
  if (english / total >= CLEAR_MAJORITY) return "english";
  return "simple";
}
