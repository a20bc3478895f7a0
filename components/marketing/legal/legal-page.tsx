import type { ReactNode } from "react";
import type { TLocale, TMarketingRouteKey } from "@/lib/i18n/locale";
import { MarketingShell } from "../marketing-shell";
import { marketingT } from "../t";

/** Date of the current legal texts (privacy policy, terms). */
export const LEGAL_UPDATED = new Date("2026-11-21T00:00:00Z");

export function formatLegalDate(locale: TLocale) {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(LEGAL_UPDATED);
}

/** Typography for long legal texts, without a typography plugin. */
export const PROSE = [
  "text-[0.9375rem] leading-7 text-slate-700",
  "[&_h2]:mt-12 [&_h2]:scroll-mt-24 [&_h2]:text-xl [&_h2]:font-bold [&_h2]:tracking-tight [&_h2]:text-slate-900 sm:[&_h2]:text-2xl",
  "[&_h3]:mt-8 [&_h3]:text-base [&_h3]:font-semibold [&_h3]:text-slate-900",
  "[&_p]:mt-4 [&_ul]:mt-4 [&_ul]:list-disc [&_ul]:space-y-2 [&_ul]:pl-5 [&_ol]:mt-4 [&_ol]:list-decimal [&_ol]:space-y-2 [&_ol]:pl-5",
  "[&_strong]:font-semibold [&_strong]:text-slate-900",
  "[&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_a]:decoration-brand-300 [&_a]:underline-offset-2 hover:[&_a]:decoration-brand-600",
  "[&_address]:not-italic",
].join(" ");

export async function LegalPage({
  locale,
  routeKey,
  title,
  updated = true,
  children,
}: {
  locale: TLocale;
  routeKey: TMarketingRouteKey;
  title: string;
  updated?: boolean;
  children: ReactNode;
}) {
  const t = await marketingT(locale);
  return (
    <MarketingShell locale={locale} routeKey={routeKey}>
      <div className="border-b border-slate-200 bg-gradient-to-b from-brand-50/70 to-white">
        <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
          <h1 className="text-3xl font-bold tracking-tight break-words hyphens-auto text-slate-900 sm:text-4xl">{title}</h1>
          {updated && <p className="mt-3 text-sm text-slate-500">{t("legal.updated", { date: formatLegalDate(locale) })}</p>}
        </div>
      </div>
      <article className={`mx-auto max-w-3xl px-4 pt-4 pb-20 sm:px-6 ${PROSE}`}>{children}</article>
    </MarketingShell>
  );
}

/** A small table of contents for long legal pages (same-page anchors only). */
export function LegalToc({
  label,
  items,
  numbered = true,
}: {
  label: string;
  items: { id: string; title: string }[];
  /** Off when the titles carry their own numbers (§ 1 …). */
  numbered?: boolean;
}) {
  return (
    <nav aria-label={label} className="mt-8 rounded-2xl bg-slate-50 p-5 ring-1 ring-slate-200">
      <p className="!mt-0 text-sm font-semibold text-slate-900">{label}</p>
      <ol className={`!mt-3 columns-1 gap-8 text-sm sm:columns-2 [&_li]:break-inside-avoid ${numbered ? "" : "!list-none !pl-0"}`}>
        {items.map((item) => (
          <li key={item.id}>
            <a href={`#${item.id}`}>{item.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
