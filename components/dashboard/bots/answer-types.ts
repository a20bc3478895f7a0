import type { TChatModelOption } from "@/lib/bots/chat-models";

export type { TAnswerProvider } from "@/lib/ai/providers";
import { ANSWER_PROVIDERS, type TAnswerProvider } from "@/lib/ai/providers";
export type TExternalProvider = Exclude<TAnswerProvider, "offline">;

/** What the page tells the browser about the workspace's keys: never a key, only whether one is there. */
export type TProviderStatus = Record<TExternalProvider, { ready: boolean; keyHint: string | null; baseUrl: string | null; platform: boolean }>;

export type TModelCatalog = { openai: TChatModelOption[]; gemini: TChatModelOption[] };

export const PROVIDERS: readonly TAnswerProvider[] = ANSWER_PROVIDERS;

/** EUR millicents (1/1000 cent) as euros. */
export function millicentsToEuro(millicents: number): number {
  return millicents / 100_000;
}
