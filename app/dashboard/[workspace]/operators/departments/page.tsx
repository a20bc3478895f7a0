import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DepartmentsList } from "@/components/dashboard/operators/departments-list";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { isWithinBusinessHours } from "@/lib/departments/business-hours";
import { listDepartments } from "@/lib/departments/list-departments";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators.departments");
  return { title: t("title") };
}

export default async function DepartmentsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/operators/departments`);
  const t = await getTranslations("dashboard.operators.departments");
  const departments = await listDepartments(ctx);
  const now = new Date();
  const newHref = `/dashboard/${slug}/operators/departments/new`;

  return (
    <Card>
      <CardHeader
        title={t("title")}
        description={t("description")}
        actions={
          departments.length > 0 ? (
            <ButtonLink href={newHref} size="sm">
              {t("create")}
            </ButtonLink>
          ) : undefined
        }
      />
      {departments.length === 0 ? (
        <EmptyState
          icon={
            <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M3 21h18M5 21V7l7-4 7 4v14M9 21v-6h6v6M9 10h.01M15 10h.01" />
            </svg>
          }
          title={t("emptyTitle")}
          description={t("emptyText")}
          action={<ButtonLink href={newHref}>{t("create")}</ButtonLink>}
        />
      ) : (
        <DepartmentsList
          slug={slug}
          departments={departments.map((d) => ({
            id: d.id,
            name: d.name,
            description: d.description,
            assignment: d.assignment,
            alwaysOpen: d.businessHours === null,
            openNow: isWithinBusinessHours(d.businessHours, now),
            timeZone: d.businessHours?.timeZone ?? null,
            hours: d.businessHours?.days ?? null,
            operators: d.operators.map((o) => o.name),
            sendTranscripts: d.sendTranscripts,
          }))}
        />
      )}
    </Card>
  );
}
