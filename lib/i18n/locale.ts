export const LOCALES = ["de", "en"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "de";
export const LOCALE_COOKIE = "cw_locale";
export const PATH_HEADER = "x-chatwerk-path";

/** Public marketing paths and their counterpart in the other language. */
export const MARKETING_ROUTES = [
  { key: "home", de: "/", en: "/en" },
  { key: "features", de: "/funktionen", en: "/en/features" },
  { key: "pricing", de: "/preise", en: "/en/pricing" },
  { key: "faq", de: "/faq", en: "/en/faq" },
  { key: "privacy", de: "/datenschutz", en: "/en/privacy" },
  { key: "imprint", de: "/impressum", en: "/en/imprint" },
  { key: "terms", de: "/agb", en: "/en/terms" },
] as const;

export type TMarketingRouteKey = (typeof MARKETING_ROUTES)[number]["key"];

export function marketingPath(key: TMarketingRouteKey, locale: TLocale): string {
  const route = MARKETING_ROUTES.find((r) => r.key === key)!;
  return route[locale];
}

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function fromAcceptLanguage(header: string | null | undefined): TLocale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { lang: (tag ?? "").slice(0, 2).toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLocale(r.lang))?.lang as TLocale | undefined;
}

/**
 * Marketing pages carry their language in the path (German at /, English at /en);
 * the app follows the user's choice (cookie), then the browser's language.
 */
export function resolveLocale(input: {
  pathname?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): TLocale {
  const pathname = input.pathname ?? "";
  if (pathname === "/en" || pathname.startsWith("/en/")) return "en";
  if (MARKETING_ROUTES.some((r) => r.de === pathname)) return "de";
  if (isLocale(input.cookie)) return input.cookie;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
