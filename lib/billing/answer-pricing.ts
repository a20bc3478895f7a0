import { costMillicents, type TPriceProvider } from "../ai/answer/pricing";
import { env } from "../config/env";

/**
 * Who pays the model for an answer, and so what the workspace is charged:
 * - "platform": the platform's own key → the model's price plus BILLING_MARKUP_PERCENT;
 * - "own_key": the workspace's key → only BILLING_OWN_KEY_FEE_MILLICENTS (free by default);
 * - "offline": the built-in provider → BILLING_OFFLINE_ANSWER_MILLICENTS (free by default);
 * - "unpaid": the balance could not pay, so the offline provider answered for free.
 */
export type TAnswerBilling = "platform" | "own_key" | "offline" | "unpaid";

export type TAnswerCostInput = { billing: TAnswerBilling; provider: TPriceProvider; model: string; inputTokens: number; outputTokens: number };

export function answerChargeMillicents(input: TAnswerCostInput): number {
  const cfg = env();
  switch (input.billing) {
    case "platform":
      return costMillicents({ provider: input.provider, model: input.model, inputTokens: input.inputTokens, outputTokens: input.outputTokens, markupPercent: cfg.BILLING_MARKUP_PERCENT });
    case "own_key":
      return cfg.BILLING_OWN_KEY_FEE_MILLICENTS;
    case "offline":
      return cfg.BILLING_OFFLINE_ANSWER_MILLICENTS;
    case "unpaid":
      return 0;
  }
}

/**
 * Cents to hold before a call whose worst case is `millicents`: rounded up, plus one cent
 * for the sub-cent remainder the workspace may carry from earlier answers.
 */
export function holdCentsFor(millicents: number): number {
  return millicents <= 0 ? 0 : Math.ceil(millicents / 1000) + 1;
}
