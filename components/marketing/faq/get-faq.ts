import type { TLocale } from "@/lib/i18n/locale";
import type { TPlanId } from "@/lib/plans/plans";
import { env } from "@/lib/config/env";
import { marketingT } from "../t";
import { faqDe } from "./faq-de";
import { faqEn } from "./faq-en";
import type { TFaqCategory, TFaqItem } from "./faq-types";

export async function getFaq(locale: TLocale): Promise<TFaqCategory[]> {
  const t = await marketingT(locale);
  const context = { baseUrl: env().baseUrl, planName: (id: TPlanId) => t(`plans.${id}.name`) };
  return locale === "de" ? faqDe(context) : faqEn(context);
}

/** A few questions by id, for the teasers on the home and pricing pages. */
export function pickFaq(categories: TFaqCategory[], ids: string[]): TFaqItem[] {
  const all = categories.flatMap((c) => c.items);
  return ids.map((id) => all.find((item) => item.id === id)).filter((item): item is TFaqItem => Boolean(item));
}
