import type { MetadataRoute } from "next";
import { LOCALES, MARKETING_ROUTES } from "@/lib/i18n/locale";
import { absoluteUrl, marketingAlternates } from "@/lib/site/urls";

// BASE_URL is read when the sitemap is requested, not frozen at build time.
export const dynamic = "force-dynamic";

const PRIORITY: Record<(typeof MARKETING_ROUTES)[number]["key"], number> = {
  home: 1,
  features: 0.8,
  pricing: 0.8,
  faq: 0.6,
  privacy: 0.3,
  imprint: 0.2,
  terms: 0.3,
};

/** Every public marketing page in both languages, each with its hreflang alternates. */
export default function sitemap(): MetadataRoute.Sitemap {
  return MARKETING_ROUTES.flatMap((route) =>
    LOCALES.map((locale) => ({
      url: absoluteUrl(route[locale]),
      changeFrequency: "monthly" as const,
      priority: PRIORITY[route.key],
      alternates: { languages: marketingAlternates(route.key) },
    })),
  );
}
