import { describe, expect, it } from "vitest";
import { splitSentences } from "@/lib/kb/chunk/split-sentences";

describe("splitSentences", () => {
  it("splits at end punctuation before a capital or digit", () => {
    expect(splitSentences("Schalte das Rad aus. Warte kurz! Fertig? 2 Minuten reichen.")).toEqual([
      "Schalte das Rad aus.",
      "Warte kurz!",
      "Fertig?",
      "2 Minuten reichen.",
    ]);
  });

  it("does not split after abbreviations, ordinals or before lower case", () => {
    expect(splitSentences("Zum Beispiel z. B. Helme, ca. 20 Stück. Ab dem 1. Januar gilt das. Siehe e.g. the docs. ok")).toEqual([
      "Zum Beispiel z. B. Helme, ca. 20 Stück.",
      "Ab dem 1. Januar gilt das.",
      "Siehe e.g. the docs. ok",
    ]);
  });

  it("treats every line as its own sentence start", () => {
    expect(splitSentences("1. Akku raus\n2. Laden")).toEqual(["1. Akku raus", "2. Laden"]);
  });
});
