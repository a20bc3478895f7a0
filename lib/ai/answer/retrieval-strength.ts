import type { TSearchResult } from "@/lib/kb/search";
import { bestMatch, contentTerms } from "./terms";

/** How many of the best passages are checked: the answer is built from these. */
const TOP_PASSAGES = 3;

/**
 * True when retrieval found nothing worth answering from: no passages, a question without
 * a single content word, or no content word shared with any of the top passages (title
 * included, German compounds and inflections counted as shared).
 *
 * The fused `score` is not used: reciprocal-rank fusion (lib/kb/search.ts) depends only on
 * ranks, so the best of a set of useless passages scores exactly like a perfect match.
 */
export function isWeakRetrieval(question: string, chunks: TSearchResult[]): boolean {
  if (chunks.length === 0) return true;
  const terms = [...new Set(contentTerms(question))];
  if (terms.length === 0) return true;
  return !chunks.slice(0, TOP_PASSAGES).some((chunk) => {
    const passage = new Set(contentTerms(`${chunk.title}\n${chunk.text}`));
    return terms.some((term) => bestMatch(term, passage) > 0);
  });
}
