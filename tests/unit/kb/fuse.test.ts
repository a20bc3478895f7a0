import { describe, expect, it } from "vitest";
import { FUSION, FUSION_IDENTIFIER, fuse, fusionFor, namesIdentifier, type TCandidate, type TFusion } from "@/lib/kb/search";

const c = (id: string, score: number): TCandidate => ({ id, source_id: "s", document_id: `d-${id}`, title_path: `T ${id}`, url: null, text: `text ${id}`, score });
const ids = (rows: { chunkId: string }[]) => rows.map((r) => r.chunkId);

describe("fuse: weighted score fusion", () => {
  const params: TFusion = { method: "score", fulltextWeight: 0.3, vectorWeight: 0.7, candidates: 50 };

  it("divides each list's scores by its best score and adds them with the weights", () => {
    const rows = fuse({ vector: [c("a", 0.8), c("b", 0.4)], fulltext: [c("b", 2), c("c", 1)] }, params);
    // a: 0.7 · 0.8/0.8 = 0.7; b: 0.7 · 0.4/0.8 + 0.3 · 2/2 = 0.65; c: 0.3 · 1/2 = 0.15
    expect(rows.map((r) => [r.chunkId, r.score])).toEqual([["a", 0.7], ["b", 0.65], ["c", 0.15]]);
  });

  it("is insensitive to the scale of a list's scores", () => {
    const small = fuse({ vector: [c("a", 0.5), c("b", 0.45)], fulltext: [c("b", 0.1), c("a", 0.01)] }, params);
    const large = fuse({ vector: [c("a", 0.5), c("b", 0.45)], fulltext: [c("b", 10), c("a", 1)] }, params);
    expect(small).toEqual(large);
  });

  it("counts negative similarities as 0 and survives an all-zero list", () => {
    const rows = fuse({ vector: [c("a", 0.2), c("b", -0.1)], fulltext: [c("c", 0), c("d", 0)] }, params);
    expect(rows.map((r) => [r.chunkId, r.score])).toEqual([["a", 0.7], ["b", 0], ["c", 0], ["d", 0]]);
  });

  it("keeps the list's own order when only one list is present (a mode on its own)", () => {
    expect(ids(fuse({ vector: [], fulltext: [c("x", 3), c("y", 3), c("z", 1)] }, params))).toEqual(["x", "y", "z"]);
    expect(ids(fuse({ vector: [c("x", 0.9), c("y", 0.5)], fulltext: [] }, params))).toEqual(["x", "y"]);
  });

  it("uses only the first `candidates` rows of each list", () => {
    const rows = fuse({ vector: [c("a", 0.9), c("b", 0.8), c("c", 0.7)], fulltext: [c("d", 1), c("c", 1)] }, { ...params, candidates: 1 });
    expect(ids(rows)).toEqual(["a", "d"]);
  });

  it("maps candidates to results", () => {
    expect(fuse({ vector: [c("a", 1)], fulltext: [] }, params)[0]).toEqual({
      chunkId: "a", sourceId: "s", documentId: "d-a", title: "T a", url: null, text: "text a", score: 0.7,
    });
  });
});

describe("fuse: weighted reciprocal rank", () => {
  const params: TFusion = { method: "rrf", k: 1, fulltextWeight: 0.7, vectorWeight: 1, candidates: 50 };

  it("adds weight / (k + rank) per list; ties keep the order of first appearance (vector first)", () => {
    const rows = fuse({ vector: [c("a", 0.9), c("b", 0.1)], fulltext: [c("b", 5), c("c", 4)] }, params);
    // a: 1/2 = 0.5; b: 1/3 + 0.7/2 = 0.683333; c: 0.7/3 = 0.233333
    expect(rows.map((r) => [r.chunkId, r.score])).toEqual([["b", 0.683333], ["a", 0.5], ["c", 0.233333]]);
    const tie = fuse({ vector: [c("v", 0.9)], fulltext: [c("f", 5)] }, { ...params, fulltextWeight: 1 });
    expect(ids(tie)).toEqual(["v", "f"]);
  });
});

describe("FUSION", () => {
  it("is a complete parameter set with positive weights and at least 10 candidates per side", () => {
    expect(FUSION.fulltextWeight).toBeGreaterThan(0);
    expect(FUSION.vectorWeight).toBeGreaterThan(0);
    expect(FUSION.candidates).toBeGreaterThanOrEqual(10);
    if (FUSION.method === "rrf") expect(FUSION.k).toBeGreaterThanOrEqual(0);
  });
});

describe("fuse: cross scores", () => {
  const params: TFusion = { method: "score", fulltextWeight: 0.45, vectorWeight: 0.55, candidates: 2 };
  const x = (id: string, score: number, cross: number | null): TCandidate => ({ ...c(id, score), cross });

  it("scores a chunk found by one side with its other-side score, capped at that side's best", () => {
    // "t" is the only full-text match worth 1.2; on the vector side it is just outside the
    // list (0.27 against a best of 0.286), so it keeps 0.55 · 0.27 / 0.286 there.
    const rows = fuse(
      { vector: [x("a", 0.286, 0.8), x("b", 0.285, 0.8)], fulltext: [x("t", 1.2, 0.27), x("a", 0.8, 0.286)] },
      params,
    );
    expect(ids(rows)).toEqual(["t", "a", "b"]);
    expect(rows[0]!.score).toBeCloseTo(0.45 + (0.55 * 0.27) / 0.286, 6);
    expect(rows[1]!.score).toBeCloseTo(0.55 + (0.45 * 0.8) / 1.2, 6);
    const capped = fuse({ vector: [x("a", 0.5, null)], fulltext: [x("f", 1, 0.9)] }, params);
    expect(capped.find((r) => r.chunkId === "f")!.score).toBeCloseTo(1, 6);
  });

  it("treats a missing cross score as 0 (the other side was not searched)", () => {
    const rows = fuse({ vector: [x("a", 0.5, null)], fulltext: [x("f", 1, null)] }, params);
    expect(rows.map((r) => [r.chunkId, r.score])).toEqual([["a", 0.55], ["f", 0.45]]);
  });
});

describe("fusionFor: identifier queries lean on full-text", () => {
  it("recognises codes, model and order numbers, and nothing else", () => {
    for (const q of ["service code quokka37", "Display zeigt E-42", "RX-300 Akku", "Bestellung 100234", "2FA lost phone"]) expect(namesIdentifier(q), q).toBe(true);
    for (const q of ["Wie lange dauert die Lieferung?", "Kann ich in 2 Raten zahlen?", "24/7 support?", "Was kostet 1 GB?", "Rückgabe nach 30 Tagen"]) {
      expect(namesIdentifier(q), q).toBe(false);
    }
  });

  it("gives full-text more weight for an identifier than for a question in words", () => {
    expect(fusionFor("Fehler E-88")).toBe(FUSION_IDENTIFIER);
    expect(fusionFor("Wie lade ich den Akku?")).toBe(FUSION);
    const share = (p: TFusion) => p.fulltextWeight / (p.fulltextWeight + p.vectorWeight);
    expect(share(FUSION_IDENTIFIER)).toBeGreaterThan(share(FUSION));
  });
});
