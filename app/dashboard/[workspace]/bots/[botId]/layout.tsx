import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { BotTabs } from "@/components/dashboard/bots/bot-tabs";
import { PageHeader } from "@/components/ui/card";
import { loadBotPage } from "./load-bot";

export default async function BotLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string; botId: string }> }) {
  const { workspace: slug, botId } = await params;
  const { bot } = await loadBotPage(slug, botId);
  const t = await getTranslations("dashboard.bots");
  return (
    <>
      <Link href={`/dashboard/${slug}/bots`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
        ← {t("title")}
      </Link>
      <div className="mt-3">
        <PageHeader title={bot.name} description={bot.description ?? t("noDescription")} />
      </div>
      <BotTabs base={`/dashboard/${slug}/bots/${bot.id}`} />
      <div className="mt-6">{children}</div>
    </>
  );
}
