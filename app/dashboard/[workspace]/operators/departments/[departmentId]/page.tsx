import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DepartmentForm } from "@/components/dashboard/operators/department-form";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getDepartment } from "@/lib/departments/get-department";
import { DEFAULT_TIME_ZONE, timeZoneOptions } from "@/lib/departments/time-zones";
import { isAppError } from "@/lib/errors/app-error";
import { listOperators } from "@/lib/operators/list-operators";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators.departments");
  return { title: t("editTitle") };
}

export default async function EditDepartmentPage({ params }: { params: Promise<{ workspace: string; departmentId: string }> }) {
  const { workspace: slug, departmentId } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/operators/departments/${departmentId}`);
  const t = await getTranslations("dashboard.operators.departments");
  const department = await getDepartment(ctx, departmentId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const operators = await listOperators(ctx);
  return (
    <div className="space-y-4">
      <Link href={`/dashboard/${slug}/operators/departments`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
        ← {t("title")}
      </Link>
      <h2 className="text-lg font-semibold text-slate-900">{department.name}</h2>
      <DepartmentForm
        slug={slug}
        departmentId={department.id}
        initial={{
          name: department.name,
          description: department.description ?? "",
          assignment: department.assignment,
          businessHours: department.businessHours,
          offlineMessage: department.offlineMessage ?? "",
          sendTranscripts: department.sendTranscripts,
          transcriptEmails: department.transcriptEmails,
          operatorUserIds: department.operators.map((o) => o.userId),
        }}
        operators={operators.map((o) => ({ userId: o.userId, name: o.name, email: o.email, avatarUrl: o.avatarUrl }))}
        timeZones={timeZoneOptions()}
        defaultTimeZone={DEFAULT_TIME_ZONE}
      />
    </div>
  );
}
