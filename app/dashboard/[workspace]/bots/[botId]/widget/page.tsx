import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmbedSnippet } from "@/components/dashboard/bots/embed-snippet";
import { WidgetDesignForm } from "@/components/dashboard/bots/widget-design-form";
import { widgetConfig } from "@/lib/bots/bot-settings";
import { getBotSettings } from "@/lib/bots/get-bot-settings";
import { env } from "@/lib/config/env";
import { workspaceLimits } from "@/lib/plans/plans";
import { loadBotPage } from "../load-bot";

type TParams = { params: Promise<{ workspace: string; botId: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { workspace: slug, botId } = await params;
  const [{ bot }, t] = await Promise.all([loadBotPage(slug, botId), getTranslations("dashboard.botTabs")]);
  return { title: `${t("widget")} · ${bot.name}` };
}

/** Widget design with a live preview, then the embed snippet. */
export default async function BotWidgetPage({ params }: TParams) {
  const { workspace: slug, botId } = await params;
  const { ctx, bot, workspace } = await loadBotPage(slug, botId);
  const settings = await getBotSettings(ctx, bot.id);
  const showBranding = !workspaceLimits(workspace).removeBranding;
  // The texts a bot shows when the owner leaves them empty, from the same place the widget gets them.
  const defaults = widgetConfig({ publicId: bot.publicId, name: bot.name, widgetSettings: {} }, { origin: "", showBranding, humanAvailable: false }).texts;
  return (
    <div className="space-y-6">
      <WidgetDesignForm
        slug={slug}
        botId={bot.id}
        botName={bot.name}
        initial={settings.widget}
        defaultGreetings={{ de: defaults.de.greeting, en: defaults.en.greeting }}
        showBranding={showBranding}
      />
      <EmbedSnippet baseUrl={env().baseUrl} publicId={bot.publicId} domains={workspace.allowedDomains} settingsHref={`/dashboard/${slug}/settings`} />
    </div>
  );
}
