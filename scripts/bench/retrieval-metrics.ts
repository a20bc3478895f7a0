/**
 * Ranking metrics for the retrieval bench (scripts/bench/retrieval.ts).
 *
 * A search returns k chunks; several chunks can come from the same page. A page is
 * "retrieved at rank r" when its first chunk is the r-th result (1-based), so the cut-off k
 * counts chunks: exactly the k passages a caller of `searchBot({k})` receives.
 * - recall@k: share of a question's relevant pages retrieved at rank ≤ k (a question with two
 *   relevant pages scores 0.5 at recall@1 when the top chunk is from one of them);
 * - hit@k: 1 when at least one relevant page is retrieved at rank ≤ k;
 * - MRR@10: 1 / rank of the first relevant chunk within the top 10, else 0.
 * Averages are unweighted means over questions.
 */
export type TQuestion = { id: string; lang: string; question: string; relevant: string[]; kind: string };

/** First rank (1-based) of every page in a ranked list of page ids (one entry per chunk). */
export function firstRanks(pagesByChunk: string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  pagesByChunk.forEach((page, i) => {
    if (!ranks.has(page)) ranks.set(page, i + 1);
  });
  return ranks;
}

export type TQuestionScore = { recall1: number; recall5: number; hit5: number; rr10: number; firstRelevantRank: number | null };

export function scoreQuestion(relevant: string[], pagesByChunk: string[]): TQuestionScore {
  const ranks = firstRanks(pagesByChunk);
  const relevantRanks = relevant.map((page) => ranks.get(page)).filter((r): r is number => r !== undefined);
  const within = (k: number) => relevantRanks.filter((r) => r <= k).length;
  const first = relevantRanks.length > 0 ? Math.min(...relevantRanks) : null;
  return {
    recall1: within(1) / relevant.length,
    recall5: within(5) / relevant.length,
    hit5: within(5) > 0 ? 1 : 0,
    rr10: first !== null && first <= 10 ? 1 / first : 0,
    firstRelevantRank: first,
  };
}

export type TAggregate = { questions: number; recall1: number; recall5: number; hit5: number; mrr10: number };

export function aggregate(scores: TQuestionScore[]): TAggregate {
  const mean = (pick: (s: TQuestionScore) => number) => (scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + pick(s), 0) / scores.length);
  return {
    questions: scores.length,
    recall1: mean((s) => s.recall1),
    recall5: mean((s) => s.recall5),
    hit5: mean((s) => s.hit5),
    mrr10: mean((s) => s.rr10),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;
}

export type TLatency = { n: number; p50Ms: number; p95Ms: number; meanMs: number; maxMs: number };

export function latencyOf(samples: number[]): TLatency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}
