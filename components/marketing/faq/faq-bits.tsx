import Link from "next/link";
import type { ReactNode } from "react";
import { PLAN_PERIODS, PLANS, TOP_UP_AMOUNTS_CENTS, formatEuros } from "@/lib/plans/plans";
import type { TLocale } from "@/lib/i18n/locale";
import { formatCount } from "@/lib/site/pricing";

export function A({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-brand-600">
      {children}
    </Link>
  );
}

export function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.85em] text-slate-800">{children}</code>;
}

export function Snippet({ code, label }: { code: string; label: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-xl bg-slate-950 px-4 py-3.5 font-mono text-[0.8125rem] leading-6 text-slate-100"
    >
      <code>{code}</code>
    </pre>
  );
}

export function embedSnippet(baseUrl: string, botPlaceholder: string) {
  return `<script src="${baseUrl}/widget.js" data-bot="${botPlaceholder}" async></script>`;
}

/** Plan facts quoted in answers, formatted for the locale. */
export function planFacts(locale: TLocale) {
  const free = PLANS.find((p) => p.monthlyPriceCents === 0)!;
  const firstLiveChat = PLANS.find((p) => p.liveChat)!;
  const firstNoBranding = PLANS.find((p) => p.removeBranding)!;
  const list = (items: string[]) =>
    new Intl.ListFormat(locale === "de" ? "de-DE" : "en-GB", { style: "long", type: "conjunction" }).format(items);
  return {
    free,
    freePages: formatCount(free.knowledgePages, locale),
    firstLiveChat,
    firstNoBranding,
    topUps: list(TOP_UP_AMOUNTS_CENTS.map((c) => formatEuros(c, locale))),
    periods: PLAN_PERIODS,
    periodList: list(
      PLAN_PERIODS.filter((p) => p.discountPercent > 0).map((p) =>
        locale === "de"
          ? `${p.months} Monate: ${p.discountPercent} %`
          : `${p.months} months: ${p.discountPercent}%`,
      ),
    ),
    maxRetentionYears: Math.max(...PLANS.map((p) => p.transcriptsRetentionMaxDays)) / 365,
  };
}
