import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OperatorsList } from "@/components/dashboard/operators/operators-list";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listOperators } from "@/lib/operators/list-operators";
import { workspaceLimits } from "@/lib/plans/plans";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators");
  return { title: t("title") };
}

export default async function OperatorsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx, user, workspace } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/operators`);
  if (!roleAllows(ctx.role, ["admin"])) redirect(`/dashboard/${slug}/operators/profile/${user.id}`);
  const t = await getTranslations("dashboard.operators.list");
  const operators = await listOperators(ctx);
  const limits = workspaceLimits(workspace);

  return (
    <Card>
      <CardHeader
        title={t("title", { count: operators.length })}
        description={t("seats", { used: operators.length, total: limits.seats })}
        actions={
          <ButtonLink href={`/dashboard/${slug}/members`} variant="secondary" size="sm">
            {t("invite")}
          </ButtonLink>
        }
      />
      <OperatorsList
        slug={slug}
        selfId={user.id}
        operators={operators.map((o) => ({
          userId: o.userId,
          name: o.name,
          email: o.email,
          role: o.role,
          avatarUrl: o.avatarUrl,
          maxChats: o.maxChats,
          status: o.status,
          departments: o.departments.map((d) => d.name),
        }))}
      />
    </Card>
  );
}
