import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConversationsFilters, type TConversationFilterValues } from "@/components/dashboard/conversations/conversations-filters";
import { ConversationsTable } from "@/components/dashboard/conversations/conversations-table";
import { ExportLinks } from "@/components/dashboard/conversations/export-links";
import { NAV_ITEMS } from "@/components/dashboard/nav-items";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { CONVERSATION_FILTER_KEYS, listConversationFilterOptions, listConversations, ZConversationFilters } from "@/lib/conversations/conversations";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.conversations");
  return { title: t("title") };
}

type TSearch = Record<string, string | string[] | undefined>;
const KEYS = [...CONVERSATION_FILTER_KEYS, "cursor"] as const;

/** Filters from the query string; a value that does not parse is ignored rather than failing the page. */
function readFilters(search: TSearch): Partial<Record<(typeof KEYS)[number], string>> {
  const entries = KEYS.map((key) => {
    const raw = search[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return [key, value && ZConversationFilters.shape[key].safeParse(value).success ? value : undefined] as const;
  });
  return Object.fromEntries(entries.filter((e) => e[1]));
}

function query(values: Record<string, string | undefined>): string {
  const s = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return s ? `?${s}` : "";
}

export default async function ConversationsPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<TSearch> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/conversations`);
  const t = await getTranslations("dashboard.conversations");
  const filters = readFilters(await searchParams);
  const { cursor, ...withoutCursor } = filters;
  const [{ conversations, nextCursor, total }, options] = await Promise.all([listConversations(ctx, filters), listConversationFilterOptions(ctx)]);
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  // A later page can empty out (conversations deleted meanwhile): that is "no results", not "none yet".
  const filtered = Object.values(filters).some(Boolean);
  const base = `/dashboard/${slug}/conversations`;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={isAdmin && total > 0 ? <ExportLinks slug={slug} query={withoutCursor} /> : undefined} />
      <Card>
        <ConversationsFilters key={query(withoutCursor)} values={withoutCursor satisfies TConversationFilterValues} options={options} />
        {conversations.length === 0 ? (
          <EmptyState
            icon={
              <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                <path d={NAV_ITEMS.find((i) => i.key === "conversations")?.icon} />
              </svg>
            }
            title={filtered ? t("noResultsTitle") : t("emptyTitle")}
            description={filtered ? t("noResultsText") : t("emptyText")}
            action={filtered ? <ButtonLink href={base} variant="secondary">{t("reset")}</ButtonLink> : undefined}
          />
        ) : (
          <>
            <ConversationsTable slug={slug} conversations={conversations} />
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
