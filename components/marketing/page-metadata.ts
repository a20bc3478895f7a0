import type { Metadata } from "next";
import type { TLocale, TMarketingRouteKey } from "@/lib/i18n/locale";
import { marketingMetadata } from "@/lib/site/urls";
import { marketingT } from "./t";

/** generateMetadata for a marketing page: texts from messages, URLs from BASE_URL at request time. */
export function pageMetadata(key: TMarketingRouteKey, locale: TLocale) {
  return async (): Promise<Metadata> => {
    const t = await marketingT(locale);
    return marketingMetadata({
      key,
      locale,
      title: t(`meta.${key}.title`),
      description: t(`meta.${key}.description`),
      absoluteTitle: key === "home",
    });
  };
}
