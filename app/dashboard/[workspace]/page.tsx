import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardBody, PageHeader } from "@/components/ui/card";
import { Alert, Badge } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getRatingStats } from "@/lib/conversations/conversations";
import { workspaceLimits } from "@/lib/plans/plans";
import { getWorkspaceOverview } from "@/lib/workspaces/get-workspace-overview";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.overview");
  return { title: t("title") };
}

export default async function OverviewPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ denied?: string }> }) {
  const { workspace: slug } = await params;
  const { denied } = await searchParams;
  const { ctx, workspace, user } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}`);
  const t = await getTranslations("dashboard.overview");
  const tp = await getTranslations("dashboard.plans");
  const tc = await getTranslations("dashboard.conversations");
  const [overview, ratings] = await Promise.all([getWorkspaceOverview(ctx), getRatingStats(ctx, { days: 30 })]);
  const limits = workspaceLimits(workspace);
  const steps = [
    { key: "invite", done: overview.members > 1 || overview.openInvitations > 0, href: `/dashboard/${slug}/members` },
    { key: "apiKey", done: overview.apiKeys > 0, href: `/dashboard/${slug}/api-keys` },
    { key: "domains", done: workspace.allowedDomains.length > 0, href: `/dashboard/${slug}/settings` },
    { key: "bot", done: overview.bots > 0, href: `/dashboard/${slug}/bots` },
  ] as const;

  return (
    <>
      <PageHeader title={user.name ? t("greetingName", { name: user.name.split(" ")[0]! }) : t("greeting")} description={t("description", { workspace: workspace.name })} />
      {denied && (
        <Alert tone="warning" className="mb-6">
          {t("denied")}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t("members")} value={overview.members} />
        <Stat label={t("apiKeys")} value={overview.apiKeys} />
        <Stat label={t("plan")} value={tp(limits.plan)} badge={t("seats", { used: overview.members, total: limits.seats })} />
        <Stat label={tc("overviewRating")} value={ratings.average === null ? "–" : `${ratings.average.toFixed(1)} ★`} badge={tc("overviewRatingCount", { count: ratings.count })} />
      </div>
      <Card className="mt-6">
        <CardBody>
          <h2 className="text-base font-semibold text-slate-900">{t("checklistTitle")}</h2>
          <p className="mt-1 text-sm text-slate-500">{t("checklistText")}</p>
          <ol className="mt-5 divide-y divide-slate-100">
            {steps.map((step, i) => (
              <li key={step.key} className="flex items-center gap-4 py-3">
                <span
                  className={
                    step.done
                      ? "flex size-7 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-sm font-semibold text-white"
                      : "flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold text-slate-600"
                  }
                  aria-hidden="true"
                >
                  {step.done ? "✓" : i + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-900">
                    {t(`steps.${step.key}.title`)}
                    <span className="sr-only">{step.done ? ` (${t("done")})` : ""}</span>
                  </p>
                  <p className="text-sm text-slate-500">{t(`steps.${step.key}.text`)}</p>
                </div>
                {ctx.role !== "operator" && (
                  <Link href={step.href} className="shrink-0 text-sm font-medium text-brand-600 hover:text-brand-700">
                    {step.done ? t("open") : t("start")} →
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </CardBody>
      </Card>
    </>
  );
}

function Stat({ label, value, badge }: { label: string; value: string | number; badge?: string }) {
  return (
    <Card>
      <CardBody className="py-4">
        <p className="text-sm text-slate-500">{label}</p>
        <div className="mt-1 flex items-baseline gap-2">
          <p className="text-2xl font-semibold text-slate-900">{value}</p>
          {badge && <Badge>{badge}</Badge>}
        </div>
      </CardBody>
    </Card>
  );
}
