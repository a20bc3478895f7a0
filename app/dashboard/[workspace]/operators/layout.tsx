import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { OperatorsTabs, type TOperatorsTab } from "@/components/dashboard/operators/operators-tabs";
import { PageHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { roleAllows } from "@/lib/workspaces/roles";

/**
 * Live-chat administration. Admins and owners see operators, departments, canned responses
 * and settings; operators see their own profile and canned responses.
 */
export default async function OperatorsLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx, user } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/operators`);
  const t = await getTranslations("dashboard.operators");
  const base = `/dashboard/${slug}/operators`;
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  const tabs: TOperatorsTab[] = isAdmin
    ? [
        { key: "operators", href: base, prefixes: [`${base}/profile/`] },
        { key: "departments", href: `${base}/departments`, prefixes: [`${base}/departments/`] },
        { key: "canned", href: `${base}/canned`, prefixes: [] },
        { key: "settings", href: `${base}/settings`, prefixes: [] },
      ]
    : [
        { key: "profile", href: `${base}/profile/${user.id}`, prefixes: [] },
        { key: "canned", href: `${base}/canned`, prefixes: [] },
      ];
  return (
    <>
      <PageHeader title={t("title")} description={isAdmin ? t("description") : t("descriptionOperator")} />
      <OperatorsTabs tabs={tabs} />
      <div className="mt-6">{children}</div>
    </>
  );
}
