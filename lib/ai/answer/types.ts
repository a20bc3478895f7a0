/** A numbered source of an answer: `[n]` in the text points at the citation with that `n`. */
export type TCitation = { n: number; chunkId: string; sourceId: string; title: string; url: string | null };

export type TChatRole = "system" | "user" | "assistant";
export type TChatMessage = { role: TChatRole; content: string };

/** One earlier message of the conversation; operators are the owner's human colleagues. */
export type THistoryTurn = { role: "visitor" | "bot" | "operator"; text: string };
