import type { TChatModelOption } from "@/lib/bots/chat-models";

export type TAnswerProvider = "offline" | "openai" | "gemini" | "openai-compatible";
export type TExternalProvider = Exclude<TAnswerProvider, "offline">;

/** What the page tells the browser about the workspace's keys: never a key, only whether one is there. */
export type TProviderStatus = Record<TExternalProvider, { ready: boolean; keyHint: string | null; baseUrl: string | null; platform: boolean }>;

export type TModelCatalog = { openai: TChatModelOption[]; gemini: TChatModelOption[] };

export const PROVIDERS: TAnswerProvider[] = ["offline", "openai", "gemini", "openai-compatible"];

/** EUR millicents (1/1000 cent) as euros. */
export function millicentsToEuro(millicents: number): number {
  return millicents / 100_000;
}
