import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConsoleApp } from "@/components/console/console-app";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listDepartments } from "@/lib/departments/list-departments";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.console");
  return { title: t("title") };
}

/**
 * The operator console (role operator and above). Everything live comes over the /operator
 * socket; the page only adds the departments, for transfers.
 */
export default async function ConsolePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/console`);
  const departments = await listDepartments(ctx);
  return <ConsoleApp slug={slug} departments={departments.map((d) => ({ id: d.id, name: d.name }))} />;
}
