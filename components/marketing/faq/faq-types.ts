import type { ReactNode } from "react";
import type { TPlanId } from "@/lib/plans/plans";

export type TFaqItem = { id: string; question: string; answer: ReactNode };
export type TFaqCategory = { id: string; title: string; items: TFaqItem[] };
/** What the answers quote from configuration, so the FAQ never drifts from the product. */
export type TFaqContext = { baseUrl: string; planName: (id: TPlanId) => string };
