import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CannedFilters } from "@/components/dashboard/operators/canned-filters";
import { CannedList } from "@/components/dashboard/operators/canned-list";
import { Card } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listCannedResponses, ZCannedListFilters } from "@/lib/canned/list-canned-responses";
import { listDepartments } from "@/lib/departments/list-departments";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators.canned");
  return { title: t("title") };
}

type TSearch = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

export default async function CannedResponsesPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<TSearch> }) {
  const { workspace: slug } = await params;
  const { ctx, user } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/operators/canned`);
  const search = await searchParams;
  // A filter value that does not parse is ignored rather than failing the page.
  const parsed = ZCannedListFilters.safeParse({ query: first(search.q), scope: first(search.scope) });
  const filters = parsed.success ? parsed.data : {};
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  const [responses, departments] = await Promise.all([listCannedResponses(ctx, filters), listDepartments(ctx)]);

  return (
    <Card>
      <CannedFilters key={`${filters.query ?? ""}|${filters.scope ?? ""}`} values={{ q: filters.query, scope: filters.scope }} />
      <CannedList
        slug={slug}
        isAdmin={isAdmin}
        selfId={user.id}
        filtered={Boolean(filters.query || filters.scope)}
        departments={departments.map((d) => ({ id: d.id, name: d.name }))}
        responses={responses.map((r) => ({
          id: r.id,
          scope: r.scope,
          departmentId: r.departmentId,
          departmentName: r.departmentName,
          ownerUserId: r.ownerUserId,
          shortcut: r.shortcut,
          title: r.title,
          text: r.text,
        }))}
      />
    </Card>
  );
}
