import type { Metadata } from "next";
import { env } from "../config/env";
import { marketingPath, type TLocale, type TMarketingRouteKey } from "../i18n/locale";

/** Absolute URL of a path on this installation (from BASE_URL, read at request time). */
export function absoluteUrl(path: string): string {
  return `${env().baseUrl}${path}`;
}

/** Both language versions of a marketing page, x-default pointing to German. */
export function marketingAlternates(key: TMarketingRouteKey): Record<string, string> {
  return {
    de: absoluteUrl(marketingPath(key, "de")),
    en: absoluteUrl(marketingPath(key, "en")),
    "x-default": absoluteUrl(marketingPath(key, "de")),
  };
}

/** Title, description, canonical URL and hreflang alternates of one marketing page. */
export function marketingMetadata(input: {
  key: TMarketingRouteKey;
  locale: TLocale;
  title: string;
  description: string;
  absoluteTitle?: boolean;
}): Metadata {
  const url = absoluteUrl(marketingPath(input.key, input.locale));
  return {
    title: input.absoluteTitle ? { absolute: input.title } : input.title,
    description: input.description,
    alternates: { canonical: url, languages: marketingAlternates(input.key) },
    openGraph: {
      type: "website",
      siteName: "Chatwerk",
      title: input.title,
      description: input.description,
      url,
      locale: input.locale === "de" ? "de_DE" : "en_GB",
      alternateLocale: input.locale === "de" ? ["en_GB"] : ["de_DE"],
    },
  };
}
