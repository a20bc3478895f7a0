import type { TSearchResult } from "@/lib/kb/search";
import { detectLanguage, type TVisitorLanguage } from "./language";
import { phrases, smallTalkKind } from "./offline-phrases";
import { passageUnits, renderUnits, type TUnit } from "./passage-units";
import { isWeakRetrieval } from "./retrieval-strength";
import { contentTerms, coverage, type TWeightedTerm, weightTerms } from "./terms";
import type { TCitation } from "./types";

export { isWeakRetrieval } from "./retrieval-strength";

export type TOfflineAnswerInput = {
  question: string;
  chunks: TSearchResult[];
  language: TVisitorLanguage;
  /** The owner's "I don't know" text; a neutral default in `language` when empty. */
  fallbackMessage: string;
  humanAvailable: boolean;
};

export type TOfflineAnswer = { text: string; citations: TCitation[]; confident: boolean };

/** Passages past this rank rarely help and cost time on every message. */
const MAX_PASSAGES_CONSIDERED = 6;
const MAX_PASSAGES_USED = 3;
const MAX_PRIMARY_UNITS = 3;
const MAX_SECONDARY_UNITS = 2;
const MAX_LIST_ITEMS = 4;
/** Half of the question's (weighted) content words found in the passage: a real answer. */
const CONFIDENT_COVERAGE = 0.5;
const FAQ_MATCH = 0.5;
const HEADING_MATCH = 0.5;
const RANK_WEIGHT = 0.15;
/** A further passage (and its best sentence) must score this share of the best one… */
const SECONDARY_SCORE = 0.75;
/** …and add this much coverage of the question, unless it matches it as well as the best. */
const MIN_GAIN = 0.1;
const AS_GOOD = 0.95;
/** A passage in another language than the visitor's is a worse answer, not a wrong one. */
const OTHER_LANGUAGE_FACTOR = 0.7;

type TCandidate = {
  chunk: TSearchResult;
  units: TUnit[];
  /** The units scored against the question, in source order. */
  unitScores: number[];
  /** The section heading (last part of the title) matches the question. */
  headingMatched: boolean;
  faqMatched: boolean;
  coverage: number;
  score: number;
};

/**
 * The built-in offline provider (ARCHITECTURE 8): an extractive, deterministic answer that
 * quotes the best sentences of the best passages in their own words, each marked with its
 * source, or the fallback message and an offer of help when retrieval found nothing useful.
 */
export function answerOffline(input: TOfflineAnswerInput): TOfflineAnswer {
  const say = phrases(input.language);
  const smallTalk = smallTalkKind(input.question);
  if (smallTalk) return { text: say[smallTalk], citations: [], confident: true };
  if (isWeakRetrieval(input.question, input.chunks)) return fallback(input);

  const { candidates, terms } = rankCandidates(input.question, input.chunks, input.language);
  const primary = candidates[0];
  if (!primary || primary.coverage === 0) return fallback(input);

  const excerpts: { candidate: TCandidate; units: TUnit[] }[] = [{ candidate: primary, units: primaryUnits(primary) }];
  const seenText = new Set(excerpts[0]!.units.map((u) => normalise(u.text)));
  const covered = new Set(excerpts[0]!.units.flatMap((u) => [...u.terms]));
  const bestPrimaryUnit = Math.max(0, ...primary.unitScores);
  for (const candidate of candidates.slice(1)) {
    if (excerpts.length >= MAX_PASSAGES_USED) break;
    const units = secondaryUnits(candidate, primary, bestPrimaryUnit).filter((u) => !seenText.has(normalise(u.text)));
    if (units.length === 0) continue;
    // A further passage must say something new: cover more of the question, or match it as
    // well as the best passage does (then both may be the answer, e.g. two tariffs).
    const unitTerms = units.flatMap((u) => [...u.terms]);
    const gain = coverage(terms, new Set([...covered, ...unitTerms])) - coverage(terms, covered);
    const asGood = Math.max(...units.map((u) => coverage(terms, u.terms))) >= bestPrimaryUnit * AS_GOOD;
    if (gain < MIN_GAIN && !asGood) continue;
    units.forEach((u) => seenText.add(normalise(u.text)));
    unitTerms.forEach((t) => covered.add(t));
    excerpts.push({ candidate, units });
  }

  const confident = primary.coverage >= CONFIDENT_COVERAGE;
  const citations: TCitation[] = excerpts.map(({ candidate: { chunk } }, i) => ({
    n: i + 1, chunkId: chunk.chunkId, sourceId: chunk.sourceId, title: chunk.title, url: chunk.url,
  }));
  const body = excerpts.map(({ units }, i) => `${renderUnits(units)} [${i + 1}]`);
  const parts = [confident ? say.leadIn : say.unsureLeadIn, ...body];
  if (!confident) parts.push(humanOffer(input));
  return { text: parts.join("\n\n"), citations, confident };
}

function fallback(input: TOfflineAnswerInput): TOfflineAnswer {
  const message = input.fallbackMessage.trim() || phrases(input.language).defaultFallback;
  return { text: `${message}\n\n${humanOffer(input)}`, citations: [], confident: false };
}

function humanOffer(input: TOfflineAnswerInput): string {
  const say = phrases(input.language);
  return input.humanAvailable ? say.offerHuman : say.offerMessage;
}

function rankCandidates(question: string, chunks: TSearchResult[], language: TVisitorLanguage): { candidates: TCandidate[]; terms: TWeightedTerm[] } {
  const unique = [...new Map(chunks.map((c) => [c.chunkId, c])).values()].slice(0, MAX_PASSAGES_CONSIDERED);
  const parsed = unique.map((chunk) => ({ chunk, ...passageUnits(chunk.text) }));
  const allTerms = parsed.map((p) => new Set([...contentTerms(`${p.chunk.title}\n${p.faqQuestion ?? ""}`), ...p.units.flatMap((u) => [...u.terms])]));
  const terms = weightTerms(contentTerms(question), allTerms);
  const candidates = parsed
    .map((p, rank): TCandidate => {
      const whole = coverage(terms, allTerms[rank]!);
      const faqMatched = p.faqQuestion !== null && coverage(terms, new Set(contentTerms(p.faqQuestion))) >= FAQ_MATCH;
      const heading = p.chunk.title.split(" › ").pop() ?? "";
      const headingMatched = coverage(terms, new Set(contentTerms(heading))) >= HEADING_MATCH;
      // Coverage (headings and FAQ question included) decides; the retrieval rank, which also
      // saw meaning beyond shared words, breaks near-ties.
      let score = whole + RANK_WEIGHT * (1 - rank / unique.length);
      const passageLanguage = detectLanguage(p.chunk.text);
      if (passageLanguage && passageLanguage !== language) score *= OTHER_LANGUAGE_FACTOR;
      return { chunk: p.chunk, units: p.units, unitScores: unitScores(p.units, terms), faqMatched, headingMatched, coverage: whole, score };
    })
    .filter((candidate) => candidate.units.length > 0)
    .sort((a, b) => b.score - a.score);
  return { candidates, terms };
}

function unitScores(units: TUnit[], terms: TWeightedTerm[]): number[] {
  return units.map((unit) => coverage(terms, unit.terms));
}

/**
 * From the best passage: a matched FAQ's answer from its start; otherwise the best sentence,
 * with the list it introduces, or with further sentences that score at least half as well.
 * When the section heading matches the question, the section's opening sentence states its
 * gist even without sharing a word ("Zahlungsarten" → "Wir akzeptieren Lastschrift…").
 */
function primaryUnits(candidate: TCandidate): TUnit[] {
  const { units, unitScores: scores } = candidate;
  if (candidate.faqMatched) return units.slice(0, MAX_PRIMARY_UNITS);
  const best = argMax(scores);
  if (scores[best]! === 0) return units.slice(0, 2); // the heading matched, the words did not
  const chosen = new Set([best, ...listAfter(units, best)]);
  if (chosen.size === 1) {
    const others = scores
      .map((score, i) => ({ score, i }))
      .filter(({ score, i }) => i !== best && score >= scores[best]! * 0.5)
      .sort((a, b) => b.score - a.score || a.i - b.i);
    for (const { i } of others.slice(0, MAX_PRIMARY_UNITS - 1)) chosen.add(i);
  }
  if (candidate.headingMatched && !chosen.has(0) && chosen.size < MAX_PRIMARY_UNITS + MAX_LIST_ITEMS) chosen.add(0);
  return [...chosen].sort((a, b) => a - b).map((i) => units[i]!);
}

/** A further passage contributes its best sentence or two if they are nearly as good. */
function secondaryUnits(candidate: TCandidate, primary: TCandidate, bestPrimaryUnit: number): TUnit[] {
  if (candidate.score < primary.score * SECONDARY_SCORE) return [];
  const { units, unitScores: scores } = candidate;
  if (units.length === 0) return [];
  const best = argMax(scores);
  if (scores[best]! === 0 || scores[best]! < bestPrimaryUnit * SECONDARY_SCORE) return [];
  const list = listAfter(units, best);
  const chosen = list.length > 0 ? [best, ...list] : [best];
  if (chosen.length === 1) {
    const next = scores.findIndex((score, i) => i !== best && score >= scores[best]! * 0.8);
    if (next >= 0) chosen.push(next);
  }
  const limit = list.length > 0 ? 1 + MAX_LIST_ITEMS : MAX_SECONDARY_UNITS;
  return chosen.slice(0, limit).sort((a, b) => a - b).map((i) => units[i]!);
}

/** "So geht's:" followed by list items: the items are the answer. */
function listAfter(units: TUnit[], index: number): number[] {
  if (!units[index]!.text.endsWith(":")) return [];
  const items: number[] = [];
  for (let i = index + 1; i < units.length && items.length < MAX_LIST_ITEMS; i++) {
    if (!units[i]!.listItem) break;
    items.push(i);
  }
  return items;
}

function argMax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}
