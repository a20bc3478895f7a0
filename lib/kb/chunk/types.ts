/**
 * The neutral form every parser (Markdown, plain text, Q&A pairs, and later HTML, PDF, DOCX)
 * produces, so chunking is written once and knows nothing about source formats.
 */
export type TBlock =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; header: string[]; rows: string[][] }
  | { kind: "qa"; question: string; answer: string };

/** `language` picks the Postgres text-search configuration; "simple" when unknown. */
export type TDocumentLanguage = "german" | "english" | "simple";

export type TParsedDocument = { title: string; url?: string; language?: TDocumentLanguage; blocks: TBlock[] };

/**
 * One retrievable passage. `titlePath` ("Doc title › H2 › H3") is kept apart from `text` so a
 * citation can show it; embed `${titlePath}\n${text}` to give the passage its context.
 * `tokenCount` is an estimate (words × 1.3), not a model tokenizer count.
 */
export type TChunk = { ordinal: number; text: string; titlePath: string; url?: string; tokenCount: number };

export type TChunkOptions = { maxTokens?: number; overlapTokens?: number };
