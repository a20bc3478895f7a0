import { z } from "zod";

/**
 * The AI providers, declared once: those that take a workspace's key (or, for
 * OpenAI-compatible servers such as Ollama, a base URL), and the answer/embedding choices,
 * which add the built-in offline provider. Safe to import in client components.
 */
export const KEY_PROVIDERS = ["openai", "gemini", "openai-compatible"] as const;
export type TProviderName = (typeof KEY_PROVIDERS)[number];

export const ANSWER_PROVIDERS = ["offline", ...KEY_PROVIDERS] as const;
export type TAnswerProvider = (typeof ANSWER_PROVIDERS)[number];
export const ZAnswerProvider = z.enum(ANSWER_PROVIDERS);

export function isAnswerProvider(value: string): value is TAnswerProvider {
  return (ANSWER_PROVIDERS as readonly string[]).includes(value);
}
