import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BotSettings } from "@/components/dashboard/bots/bot-settings";
import { loadBotPage } from "../load-bot";

type TParams = { params: Promise<{ workspace: string; botId: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { workspace: slug, botId } = await params;
  const [{ bot }, t] = await Promise.all([loadBotPage(slug, botId), getTranslations("dashboard.botTabs")]);
  return { title: `${t("general")} · ${bot.name}` };
}

/** Name, description, languages and deletion of the bot. */
export default async function BotGeneralPage({ params }: TParams) {
  const { workspace: slug, botId } = await params;
  const { bot } = await loadBotPage(slug, botId);
  return <BotSettings slug={slug} bot={{ id: bot.id, publicId: bot.publicId, name: bot.name, description: bot.description ?? "", languages: bot.languages as ("de" | "en")[] }} />;
}
