import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LeadsFilters } from "@/components/dashboard/leads/leads-filters";
import { LeadsTable } from "@/components/dashboard/leads/leads-table";
import { NAV_ITEMS } from "@/components/dashboard/nav-items";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listLeadBots, listLeads, ZLeadFilters, type TLeadFilters } from "@/lib/leads/leads";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.leads");
  return { title: t("title") };
}

type TSearch = Record<string, string | string[] | undefined>;
const FILTER_KEYS = ["q", "source", "botId", "from", "to", "cursor"] as const;

/** Filters from the query string; a value that does not parse is ignored rather than failing the page. */
function readFilters(search: TSearch): Record<(typeof FILTER_KEYS)[number], string | undefined> {
  const entries = FILTER_KEYS.map((key) => {
    const raw = search[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return [key, value && ZLeadFilters.shape[key].safeParse(value).success ? value : undefined] as const;
  });
  return Object.fromEntries(entries) as Record<(typeof FILTER_KEYS)[number], string | undefined>;
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default async function LeadsPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<TSearch> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/leads`);
  const t = await getTranslations("dashboard.leads");
  const locale = (await getLocale()) === "en" ? "en" : "de";
  const filters = readFilters(await searchParams);
  const { cursor, ...withoutCursor } = filters;
  const [{ leads, nextCursor, total }, bots] = await Promise.all([listLeads(ctx, filters satisfies TLeadFilters), listLeadBots(ctx)]);
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  // A later page can empty out (leads deleted meanwhile): that is "no results", not "no leads yet".
  const filtered = Object.values(filters).some(Boolean);
  const base = `/dashboard/${slug}/leads`;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          isAdmin && total > 0 ? (
            <a href={`/api/workspaces/${slug}/leads/export${query(withoutCursor)}`} download className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
              <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                <path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
              </svg>
              {t("export")}
            </a>
          ) : undefined
        }
      />
      <Card>
        <LeadsFilters key={query(withoutCursor)} values={withoutCursor} bots={bots.map((b) => ({ id: b.id, name: b.name }))} />
        {leads.length === 0 ? (
          <EmptyState
            icon={
              <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                <path d={NAV_ITEMS.find((i) => i.key === "leads")?.icon} />
              </svg>
            }
            title={filtered ? t("noResultsTitle") : t("emptyTitle")}
            description={filtered ? t("noResultsText") : t("emptyText")}
            action={filtered ? <ButtonLink href={base} variant="secondary">{t("reset")}</ButtonLink> : undefined}
          />
        ) : (
          <>
            <LeadsTable
              slug={slug}
              canDelete={isAdmin}
              leads={leads.map((l) => ({
                id: l.id,
                source: l.source,
                name: l.name,
                email: l.email,
                phone: l.phone,
                message: l.message,
                fields: l.fields,
                createdAt: l.createdAt.toISOString(),
                botId: l.botId,
                botName: l.botName,
              }))}
              fieldLabels={Object.fromEntries(bots.map((b) => [b.id, Object.fromEntries(Object.entries(b.fieldLabels).map(([key, label]) => [key, label[locale]]))]))}
            />
            <nav aria-label={t("pagination")} className="flex flex-col gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
              <p>{t("count", { count: total })}</p>
              <div className="flex gap-2">
                {cursor && (
                  <ButtonLink href={`${base}${query(withoutCursor)}`} variant="secondary" size="sm">
                    {t("newest")}
                  </ButtonLink>
                )}
                {nextCursor && (
                  <ButtonLink href={`${base}${query({ ...withoutCursor, cursor: nextCursor })}`} variant="secondary" size="sm">
                    {t("older")}
                  </ButtonLink>
                )}
              </div>
            </nav>
          </>
        )}
      </Card>
    </>
  );
}
