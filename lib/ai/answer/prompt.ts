import type { TSearchResult } from "@/lib/kb/search";
import { buildKnowledgeBlock, neutraliseDelimiters } from "./knowledge-block";
import { maskPii } from "./mask-pii";
import { buildSystemPrompt, OPERATOR_PREFIX } from "./system-prompt";
import { estimateTokens } from "./tokens";
import type { TChatMessage, TCitation, THistoryTurn } from "./types";

export type TChatPromptInput = {
  botName: string;
  /** The owner's free-text instructions; may be empty. Trusted, but our rules win. */
  ownerInstructions: string;
  answerInVisitorLanguage: boolean;
  /** "de", "en" or another BCP-47 tag; null when not detected. */
  visitorLanguage: string | null;
  /** The language to answer in when `answerInVisitorLanguage` is off. */
  defaultLanguage?: string | null;
  onlyFromKnowledge: boolean;
  fallbackMessage: string;
  /** Whether a human can take over now; otherwise the bot offers to take a message. */
  humanAvailable: boolean;
  /** Retrieved passages, best first. */
  chunks: TSearchResult[];
  /** Earlier messages, oldest first, without the current question. */
  history: THistoryTurn[];
  question: string;
  budget: { contextTokens: number; historyTokens: number };
  /** Mask emails, phones, IBANs and cards in visitor text and passages: on for external providers. */
  maskPersonalData: boolean;
  /** The owner's own published contact details, which masking leaves alone. */
  keepContactDetails?: readonly string[];
};

export type TChatPrompt = { messages: TChatMessage[]; citations: TCitation[]; droppedHistory: number };

// Role markers and separators that every chat format adds around a message.
const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * Builds the messages for an LLM answer: one system message (identity, owner instructions,
 * our rules, the numbered knowledge block), the most recent history that fits its budget,
 * and the visitor's question last.
 */
export function buildChatPrompt(input: TChatPromptInput): TChatPrompt {
  const keep = input.keepContactDetails ?? [];
  const prepare = input.maskPersonalData ? (text: string) => maskPii(text, { keep }).text : (text: string) => text;
  const knowledge = buildKnowledgeBlock(input.chunks, input.budget.contextTokens, prepare);
  const system = buildSystemPrompt(input, knowledge.block);
  const { turns, dropped } = recentHistory(input.history, input.budget.historyTokens, prepare);
  const question: TChatMessage = { role: "user", content: neutraliseDelimiters(prepare(input.question)).trim() };
  return {
    messages: [{ role: "system", content: system }, ...mergeSameRole([...turns, question])],
    citations: knowledge.citations,
    droppedHistory: dropped,
  };
}

/** Newest turns first until the budget is spent; everything older than that is dropped. */
function recentHistory(history: THistoryTurn[], budget: number, prepare: (text: string) => string): { turns: TChatMessage[]; dropped: number } {
  const kept: TChatMessage[] = [];
  let remaining = budget;
  let index = history.length - 1;
  for (; index >= 0; index--) {
    const turn = history[index]!;
    const text = neutraliseDelimiters(prepare(turn.text)).trim();
    if (!text) continue;
    const message = toMessage(turn.role, text);
    const cost = estimateTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
    if (cost > remaining) break;
    remaining -= cost;
    kept.unshift(message);
  }
  const dropped = history.slice(0, index + 1).filter((turn) => turn.text.trim()).length;
  return { turns: kept, dropped };
}

function toMessage(role: THistoryTurn["role"], text: string): TChatMessage {
  if (role === "visitor") return { role: "user", content: text };
  if (role === "operator") return { role: "assistant", content: `${OPERATOR_PREFIX}${text}` };
  return { role: "assistant", content: text };
}

/** Providers such as Gemini expect alternating roles, so neighbours of one role are joined. */
function mergeSameRole(messages: TChatMessage[]): TChatMessage[] {
  const merged: TChatMessage[] = [];
  for (const message of messages) {
    const last = merged[merged.length - 1];
    if (last && last.role === message.role) last.content = `${last.content}\n\n${message.content}`;
    else merged.push({ ...message });
  }
  return merged;
}
