import { estimateTokens } from "./estimate-tokens";

/** A chunk before numbering; `path` is the title path as a list. */
export type TDraft = { kind: "text" | "table" | "qa"; path: string[]; text: string };

/**
 * Merges drafts under `minTokens` (a one-line section, a short intro) into the next draft of
 * the same parent heading, or into the previous one when the next does not qualify: a
 * passage that small is rarely retrieved on its own merits and is a weak citation. Q&A
 * drafts are never merged in either direction; merges never exceed `maxTokens`.
 */
export function mergeSmallDrafts(drafts: TDraft[], minTokens: number, maxTokens: number): TDraft[] {
  const out: TDraft[] = [];
  let pending: TDraft | undefined;
  for (const draft of drafts) {
    let current = draft;
    if (pending) {
      const merged = tryMerge(pending, current, pending, maxTokens);
      if (merged) current = merged;
      else settle(out, pending, maxTokens);
      pending = undefined;
    }
    if (current.kind !== "qa" && estimateTokens(current.text) < minTokens) pending = current;
    else out.push(current);
  }
  if (pending) settle(out, pending, maxTokens);
  return out;
}

/** Keeps a small draft that found no next partner, folding it into the previous one if it can. */
function settle(out: TDraft[], small: TDraft, maxTokens: number): void {
  const previous = out[out.length - 1];
  const merged = previous && tryMerge(previous, small, small, maxTokens);
  if (merged) out[out.length - 1] = merged;
  else out.push(small);
}

/**
 * Both drafts must sit under the parent heading of the small one. The merged draft's path is
 * their common prefix; the headings below it move into the text so nothing is lost.
 */
function tryMerge(first: TDraft, second: TDraft, small: TDraft, maxTokens: number): TDraft | undefined {
  if (first.kind === "qa" || second.kind === "qa") return undefined;
  const parent = small.path.slice(0, -1);
  if (!startsWith(first.path, parent) || !startsWith(second.path, parent)) return undefined;
  let common = 0;
  while (common < Math.min(first.path.length, second.path.length) && first.path[common] === second.path[common]) common++;
  const text = [...first.path.slice(common), first.text, ...second.path.slice(common), second.text].join("\n");
  if (estimateTokens(text) > maxTokens) return undefined;
  return { kind: "text", path: first.path.slice(0, common), text };
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.every((part, i) => path[i] === part);
}
