import { getTranslations } from "next-intl/server";
import type { TLocale } from "@/lib/i18n/locale";

/** The marketing namespace for an explicit locale (pages know their language from their path). */
export function marketingT(locale: TLocale) {
  return getTranslations({ locale, namespace: "marketing" });
}

export type TMarketingT = Awaited<ReturnType<typeof marketingT>>;

export const CONTAINER = "mx-auto w-full max-w-6xl px-4 sm:px-6 lg:px-8";
