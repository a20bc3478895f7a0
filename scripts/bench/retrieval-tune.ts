/**
 * `npm run bench:retrieval -- --tune` helper, also runnable alone (`tsx scripts/bench/retrieval-tune.ts`):
 * chooses the fusion parameters of lib/kb/search.ts honestly. The corpus is ingested once,
 * both candidate lists are fetched once per question, and fusion variants are scored
 * offline: parameters are chosen on the odd-numbered questions only and reported on the
 * even-numbered (held-out) ones, so the chosen weights are not fitted to the questions they
 * are judged on.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { offlineEmbedder } from "../../lib/kb/embed/embedder";
import { deleteSource } from "../../lib/kb/sources";
import { FUSION, fuse, searchCandidates, type TCandidate } from "../../lib/kb/search";
import { loadCorpus, pageOfDocument } from "./retrieval-corpus";
import { createTenant, openBenchDatabase } from "./retrieval-db";
import { ingestMarkdownFiles } from "./retrieval-ingest";
import { aggregate, scoreQuestion, type TQuestion } from "./retrieval-metrics";

type TLists = { fulltext: TCandidate[]; vector: TCandidate[] };
type TParams = typeof FUSION;

const K = 10;

function evaluate(items: { q: TQuestion; lists: TLists }[], pageByDocument: Map<string, string>, params: TParams, mode: "hybrid" | "fulltext" | "vector" = "hybrid") {
  return aggregate(
    items.map(({ q, lists }) => {
      const chosen = mode === "hybrid" ? lists : mode === "fulltext" ? { fulltext: lists.fulltext, vector: [] } : { fulltext: [], vector: lists.vector };
      const pages = fuse(chosen, params).slice(0, K).map((r) => pageByDocument.get(r.documentId)!);
      return scoreQuestion(q.relevant, pages);
    }),
  );
}

export async function tuneFusion() {
  const { pages, questions } = await loadCorpus();
  const dir = await mkdtemp(path.join(tmpdir(), "cw-bench-tune-"));
  const database = await openBenchDatabase(dir);
  try {
    const tenant = await createTenant("Tune", "Tune bot");
    const ingest = await ingestMarkdownFiles(
      { workspaceId: tenant.workspaceId, botId: tenant.botId, name: "Help centre", files: pages.map((p) => ({ key: p.key, path: p.path })) },
      offlineEmbedder(),
    );
    const pageByDocument = await pageOfDocument([ingest.sourceId], pages);
    const items: { q: TQuestion; lists: TLists }[] = [];
    for (const q of questions) items.push({ q, lists: await searchCandidates(tenant.ctx, tenant.botId, q.question) });
    const tune = items.filter((_, i) => i % 2 === 1);
    const held = items.filter((_, i) => i % 2 === 0);

    const grid: TParams[] = [];
    for (const k of [1, 5, 10, 20, 40, 60]) {
      for (const fulltextWeight of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1]) grid.push({ k, fulltextWeight, vectorWeight: 1 });
    }
    // Objective: recall@5 first, MRR@10 to break ties.
    const objective = (p: TParams) => {
      const a = evaluate(tune, pageByDocument, p);
      return a.recall5 + a.mrr10 / 100;
    };
    const ranked = grid.map((p) => ({ p, score: objective(p) })).sort((a, b) => b.score - a.score);
    const best = ranked[0]!.p;
    const row = (label: string, set: typeof items, p: TParams, mode?: "hybrid" | "fulltext" | "vector") => {
      const a = evaluate(set, pageByDocument, p, mode);
      return { label, "R@1": a.recall1.toFixed(3), "R@5": a.recall5.toFixed(3), "MRR@10": a.mrr10.toFixed(3) };
    };
    console.log("Top 8 fusion parameters on the tuning half (odd questions):");
    console.table(ranked.slice(0, 8).map(({ p, score }) => ({ ...p, objective: score.toFixed(4) })));
    console.log(`Chosen: ${JSON.stringify(best)}; current lib/kb/search.ts FUSION: ${JSON.stringify(FUSION)}`);
    console.table([
      row("held-out: full-text", held, best, "fulltext"),
      row("held-out: vector", held, best, "vector"),
      row("held-out: hybrid RRF k=60 equal weights", held, { k: 60, fulltextWeight: 1, vectorWeight: 1 }),
      row("held-out: hybrid chosen", held, best),
      row("tuning half: hybrid chosen", tune, best),
      row("all: full-text", items, best, "fulltext"),
      row("all: hybrid chosen", items, best),
    ]);
    await deleteSource(tenant.ctx, tenant.botId, ingest.sourceId);
    return best;
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  tuneFusion().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
