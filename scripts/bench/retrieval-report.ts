/** Tables and shared types of the retrieval bench (scripts/bench/retrieval.ts). */
import type { TSearchMode } from "../../lib/kb/search";
import type { TIngestTimings } from "./retrieval-ingest";
import type { TAggregate, TLatency } from "./retrieval-metrics";

export type TModeQuality = { overall: TAggregate; byKind: Record<string, TAggregate>; byLang: Record<string, TAggregate> };
export type TPerQuestion = { id: string; kind: string; lang: string; relevant: string[]; firstRelevantRank: Record<TSearchMode, number | null> };
export type TQualityReport = { byMode: Record<TSearchMode, TModeQuality>; perQuestion: TPerQuestion[] };
export type TModeLatency = TLatency & { errors: number; firstError?: string; budgetExhausted?: boolean };
export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
export const ms = (n: number) => fmt(n, 1);
export const MODES: TSearchMode[] = ["fulltext", "vector", "hybrid"];

export function ingestionRows(passes: { label: string; timings: TIngestTimings }[]) {
  return passes.map(({ label, timings: t }) => ({
    pass: label,
    docs: t.documents,
    chunks: t.chunks,
    "total ms": ms(t.totalMs),
    "docs/s": fmt(t.docsPerSec, 1),
    "chunks/s": fmt(t.chunksPerSec, 0),
    "read ms": ms(t.readMs),
    "parse+chunk ms": ms(t.parseChunkMs),
    "embed ms": ms(t.embedMs),
    "db write ms": ms(t.writeMs),
    "source rows ms": ms(t.bookkeepingMs),
  }));
}

export function qualityRows(quality: TQualityReport) {
  return MODES.map((mode) => {
    const a = quality.byMode[mode].overall;
    return { mode, questions: a.questions, "recall@1": fmt(a.recall1, 3), "recall@5": fmt(a.recall5, 3), "hit@5": fmt(a.hit5, 3), "MRR@10": fmt(a.mrr10, 3) };
  });
}

/** One row per group: each metric as "fulltext / vector / hybrid". */
export function groupRows(quality: TQualityReport, pick: (q: TModeQuality) => Record<string, TAggregate>, label: string) {
  const groups = Object.keys(pick(quality.byMode.hybrid));
  const triple = (get: (a: TAggregate) => number, group: string) => MODES.map((m) => fmt(get(pick(quality.byMode[m])[group]!), 2)).join(" / ");
  return groups.map((group) => ({
    [label]: group,
    n: pick(quality.byMode.hybrid)[group]!.questions,
    "recall@1 FT / vec / hyb": triple((a) => a.recall1, group),
    "recall@5 FT / vec / hyb": triple((a) => a.recall5, group),
    "MRR@10 FT / vec / hyb": triple((a) => a.mrr10, group),
    "Δ recall@5 hyb−FT (pts)": fmt((pick(quality.byMode.hybrid)[group]!.recall5 - pick(quality.byMode.fulltext)[group]!.recall5) * 100, 1),
  }));
}

export function latencyRows(latency: Record<TSearchMode, TModeLatency>) {
  return MODES.map((mode) => ({
    mode,
    n: latency[mode].budgetExhausted ? `${latency[mode].n} (time budget hit)` : latency[mode].n,
    errors: latency[mode].errors,
    "p50 ms": ms(latency[mode].p50Ms),
    "p95 ms": ms(latency[mode].p95Ms),
    "mean ms": ms(latency[mode].meanMs),
    "max ms": ms(latency[mode].maxMs),
    "p50 vs fulltext": `${fmt(latency[mode].p50Ms / latency.fulltext.p50Ms)}×`,
  }));
}

export function printErrors(latency: Record<TSearchMode, TModeLatency> & { warmupErrors: number }) {
  for (const mode of MODES) {
    if (latency[mode].errors > 0) console.log(`  ${mode}: ${latency[mode].errors} search(es) failed, first: ${latency[mode].firstError}`);
  }
  if (latency.warmupErrors > 0) console.log(`  (${latency.warmupErrors} search(es) failed during the warm-up)`);
}

export function printQuality(quality: TQualityReport) {
  console.table(qualityRows(quality));
  console.log("Per kind (fulltext / vector / hybrid):");
  console.table(groupRows(quality, (q) => q.byKind, "kind"));
  console.log("Per language of the question (fulltext / vector / hybrid):");
  console.table(groupRows(quality, (q) => q.byLang, "lang"));
}

export const check = (ok: boolean) => (ok ? "meets target" : "MISSES target");
