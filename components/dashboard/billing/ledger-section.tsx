import { useTranslations } from "next-intl";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";
import { LedgerFilters } from "./ledger-filters";
import { LedgerTable, type TLedgerView } from "./ledger-table";
import { OutlineIcon } from "./outline-icon";

export type TLedgerFilterValues = { kind?: string; from?: string; to?: string };

/** `?a=1&b=2` from the values that are set ("" when none). */
export function queryString(values: Record<string, string | undefined>): string {
  const s = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return s ? `?${s}` : "";
}

/**
 * The statement card: filters (in the query string), the CSV export of what they select, one
 * page of entries and links to older ones and back to the newest.
 */
export function LedgerSection({
  slug,
  kinds,
  filters,
  cursor,
  page,
}: {
  slug: string;
  kinds: readonly string[];
  /** The filters in effect, without the page cursor. */
  filters: TLedgerFilterValues;
  cursor: string | undefined;
  page: { entries: TLedgerView[]; total: number; nextCursor: string | null };
}) {
  const t = useTranslations("dashboard.billing.ledger");
  const base = `/dashboard/${slug}/billing`;
  const filtered = Boolean(cursor) || Object.values(filters).some(Boolean);
  const query = queryString(filters);
  return (
    <Card>
      <div id="ledger" className="scroll-mt-20" />
      <CardHeader title={t("title")} description={t("description")} actions={page.total > 0 ? <ExportLink href={`/api/workspaces/${slug}/billing/ledger/export${query}`} label={t("export")} /> : undefined} />
      {(page.total > 0 || filtered) && <LedgerFilters key={query} values={filters} kinds={kinds} />}
      {page.entries.length === 0 ? (
        <EmptyState
          icon={<OutlineIcon path="M4 4h16v16H4zM8 9h8M8 13h8M8 17h5" />}
          title={filtered ? t("noResultsTitle") : t("emptyTitle")}
          description={filtered ? t("noResultsText") : t("emptyText")}
          action={
            filtered ? (
              <ButtonLink href={`${base}#ledger`} variant="secondary">
                {t("reset")}
              </ButtonLink>
            ) : undefined
          }
        />
      ) : (
        <>
          <LedgerTable entries={page.entries} />
          <nav aria-label={t("pagination")} className="flex flex-col gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
            <p>{t("count", { count: page.total })}</p>
            <div className="flex gap-2">
              {cursor && (
                <ButtonLink href={`${base}${query}#ledger`} variant="secondary" size="sm">
                  {t("newest")}
                </ButtonLink>
              )}
              {page.nextCursor && (
                <ButtonLink href={`${base}${queryString({ ...filters, cursor: page.nextCursor })}#ledger`} variant="secondary" size="sm">
                  {t("older")}
                </ButtonLink>
              )}
            </div>
          </nav>
        </>
      )}
    </Card>
  );
}

function ExportLink({ href, label }: { href: string; label: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
    >
      <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
      </svg>
      {label}
    </a>
  );
}
