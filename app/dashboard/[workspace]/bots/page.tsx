import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateBotButton } from "@/components/dashboard/bots/create-bot";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listBots } from "@/lib/bots/bots";
import { workspaceLimits } from "@/lib/plans/plans";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.bots");
  return { title: t("title") };
}

export default async function BotsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx, workspace } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/bots`);
  const t = await getTranslations("dashboard.bots");
  const bots = await listBots(ctx);
  const limits = workspaceLimits(workspace);
  const full = bots.length >= limits.bots;
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { used: bots.length, total: limits.bots })} actions={<CreateBotButton slug={slug} disabled={full} />} />
      {bots.length === 0 ? (
        <Card>
          <EmptyState
            icon={<svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true"><path d="M12 3v3m-7 4h14a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2zm4 5h.01M15 15h.01" /></svg>}
            title={t("emptyTitle")}
            description={t("emptyText")}
            action={<CreateBotButton slug={slug} disabled={full} />}
          />
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {bots.map((bot) => (
            <li key={bot.id}>
              <Link href={`/dashboard/${slug}/bots/${bot.id}`} className="block rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-300 focus-visible:ring-brand-500">
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold text-slate-900">{bot.name}</h2>
                  <div className="flex gap-1">
                    {bot.languages.map((l) => (
                      <Badge key={l}>{l.toUpperCase()}</Badge>
                    ))}
                  </div>
                </div>
                {bot.description && <p className="mt-1 line-clamp-2 text-sm text-slate-500">{bot.description}</p>}
                <p className="mt-4 text-sm text-slate-600">{t("counts", { sources: bot.sourceCount, chunks: bot.chunkCount })}</p>
                <p className="mt-1 font-mono text-xs text-slate-400">{bot.publicId}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
