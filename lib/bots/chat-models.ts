import { PRICES, findPrice } from "../ai/answer/pricing";

/**
 * The chat models the dashboard offers per provider, from the price table, with their
 * prices in EUR millicents per 1M tokens. A model outside the table cannot be priced, so
 * OpenAI and Gemini bots must use one of these; an OpenAI-compatible server names its own.
 */
export type TChatModelOption = { id: string; inputPerMTok: number; outputPerMTok: number };
export type TPricedProvider = "openai" | "gemini";

export const DEFAULT_CHAT_MODEL: Record<TPricedProvider, string> = { openai: "gpt-4o-mini", gemini: "gemini-2.5-flash" };

export function listChatModels(provider: TPricedProvider): TChatModelOption[] {
  return Object.entries(PRICES)
    .filter(([, p]) => p.provider === provider && p.kind === "chat")
    .map(([id, p]) => ({ id, inputPerMTok: p.inputPerMTok, outputPerMTok: p.outputPerMTok }))
    .sort((a, b) => a.inputPerMTok - b.inputPerMTok || a.id.localeCompare(b.id));
}

export function isKnownChatModel(provider: TPricedProvider, model: string): boolean {
  return findPrice(provider, model)?.kind === "chat";
}
