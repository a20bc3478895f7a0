/**
 * The bench corpus (tests/fixtures/helpcenter: 66 help-centre pages in German and English
 * plus the frozen labelled questions) and the mapping from stored documents to its pages.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "../../lib/db/client";
import { readFrontMatter } from "../../lib/kb/chunk/read-front-matter";
import type { TQuestion } from "./retrieval-metrics";

const CORPUS_DIR = path.resolve("tests/fixtures/helpcenter");

export type TPage = { id: string; lang: string; key: string; path: string; body: string };


// ---------------------------------------------------------------------------- corpus

export async function loadCorpus(): Promise<{ pages: TPage[]; questions: TQuestion[] }> {
  const pages: TPage[] = [];
  for (const lang of ["de", "en"]) {
    for (const file of (await readdir(path.join(CORPUS_DIR, lang))).filter((f) => f.endsWith(".md")).sort()) {
      const full = path.join(CORPUS_DIR, lang, file);
      const { fields, body } = readFrontMatter(await readFile(full, "utf8"));
      if (!fields.id) throw new Error(`${lang}/${file}: no id in the front matter`);
      pages.push({ id: fields.id, lang, key: `${lang}/${file}`, path: full, body });
    }
  }
  if (new Set(pages.map((p) => p.id)).size !== pages.length) throw new Error("Duplicate page ids in the corpus");
  const questions = JSON.parse(await readFile(path.join(CORPUS_DIR, "questions.json"), "utf8")) as TQuestion[];
  const ids = new Set(pages.map((p) => p.id));
  for (const q of questions) {
    const unknown = q.relevant.filter((id) => !ids.has(id));
    if (unknown.length > 0 || q.relevant.length === 0) throw new Error(`${q.id}: relevant pages ${unknown.join(", ") || "(none)"} are not in the corpus`);
  }
  return { pages, questions };
}

/** document id → page id, through the document key (the file path) of the given sources. */
export async function pageOfDocument(sourceIds: string[], pages: TPage[]): Promise<Map<string, string>> {
  const pageByKey = new Map(pages.map((p) => [p.key, p.id]));
  const documents = await db().document.findMany({ where: { sourceId: { in: sourceIds } }, select: { id: true, key: true } });
  const map = new Map<string, string>();
  for (const d of documents) {
    const page = pageByKey.get(d.key);
    if (!page) throw new Error(`Document key ${d.key} is not a corpus page`);
    map.set(d.id, page);
  }
  if (map.size !== pages.length) throw new Error(`Expected ${pages.length} documents, found ${map.size}`);
  return map;
}
