import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DepartmentForm } from "@/components/dashboard/operators/department-form";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { DEFAULT_TIME_ZONE, timeZoneOptions } from "@/lib/departments/time-zones";
import { listOperators } from "@/lib/operators/list-operators";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators.departments");
  return { title: t("newTitle") };
}

export default async function NewDepartmentPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/operators/departments/new`);
  const t = await getTranslations("dashboard.operators.departments");
  const operators = await listOperators(ctx);
  return (
    <div className="space-y-4">
      <Link href={`/dashboard/${slug}/operators/departments`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
        ← {t("title")}
      </Link>
      <h2 className="text-lg font-semibold text-slate-900">{t("newTitle")}</h2>
      <DepartmentForm
        slug={slug}
        initial={{ name: "", description: "", assignment: "least_busy", businessHours: null, offlineMessage: "", sendTranscripts: false, transcriptEmails: [], operatorUserIds: [] }}
        operators={operators.map((o) => ({ userId: o.userId, name: o.name, email: o.email, avatarUrl: o.avatarUrl }))}
        timeZones={timeZoneOptions()}
        defaultTimeZone={DEFAULT_TIME_ZONE}
      />
    </div>
  );
}
