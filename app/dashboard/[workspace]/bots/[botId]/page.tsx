import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SourcesPanel } from "@/components/dashboard/bots/sources-panel";
import { TestSearch } from "@/components/dashboard/bots/test-search";
import { listSources } from "@/lib/kb/sources";
import { loadBotPage } from "./load-bot";

type TParams = { params: Promise<{ workspace: string; botId: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { workspace: slug, botId } = await params;
  const [{ bot }, t] = await Promise.all([loadBotPage(slug, botId), getTranslations("dashboard.botTabs")]);
  return { title: `${t("knowledge")} · ${bot.name}` };
}

/** The knowledge tab (the bot's default address): sources with live status and a test search. */
export default async function BotKnowledgePage({ params }: TParams) {
  const { workspace: slug, botId } = await params;
  const { ctx, bot } = await loadBotPage(slug, botId);
  const sources = await listSources(ctx, bot.id);
  return (
    <div className="space-y-6">
      <SourcesPanel
        slug={slug}
        botId={bot.id}
        sources={sources.map((s) => ({ ...s, lastRunAt: s.lastRunAt?.toISOString() ?? null, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() }))}
      />
      <TestSearch slug={slug} botId={bot.id} />
    </div>
  );
}
