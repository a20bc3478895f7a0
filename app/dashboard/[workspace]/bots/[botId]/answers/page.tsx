import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { TProviderStatus } from "@/components/dashboard/bots/answer-types";
import { ModelSettingsForm } from "@/components/dashboard/bots/model-settings-form";
import { Playground } from "@/components/dashboard/bots/playground";
import { DEFAULT_CHAT_MODEL, listChatModels } from "@/lib/bots/chat-models";
import { getBotSettings } from "@/lib/bots/get-bot-settings";
import { env } from "@/lib/config/env";
import { platformCredential } from "@/lib/ai/platform-credential";
import { listProviderKeys } from "@/lib/workspaces/manage-provider-keys";
import { loadBotPage } from "../load-bot";

type TParams = { params: Promise<{ workspace: string; botId: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { workspace: slug, botId } = await params;
  const [{ bot }, t] = await Promise.all([loadBotPage(slug, botId), getTranslations("dashboard.botTabs")]);
  return { title: `${t("answers")} · ${bot.name}` };
}

/** Model control panel and playground. The browser learns whether keys exist, never the keys. */
export default async function BotAnswersPage({ params }: TParams) {
  const { workspace: slug, botId } = await params;
  const { ctx, bot } = await loadBotPage(slug, botId);
  const [settings, keys] = await Promise.all([getBotSettings(ctx, bot.id), listProviderKeys(ctx)]);
  const entry = (provider: keyof TProviderStatus) => {
    const key = keys.find((k) => k.provider === provider);
    const own = provider === "openai-compatible" ? Boolean(key?.baseUrl) : Boolean(key?.hasKey);
    // Without the workspace's key, the installation's key answers and the balance pays.
    const platform = !own && platformCredential(provider) !== null;
    return { ready: own || platform, keyHint: key?.keyHint ?? null, baseUrl: key?.baseUrl ?? null, platform };
  };
  const status: TProviderStatus = { openai: entry("openai"), gemini: entry("gemini"), "openai-compatible": entry("openai-compatible") };
  return (
    <div className="space-y-6">
      <ModelSettingsForm
        slug={slug}
        botId={bot.id}
        initial={settings.model}
        catalog={{ openai: listChatModels("openai"), gemini: listChatModels("gemini") }}
        status={status}
        defaultModels={DEFAULT_CHAT_MODEL}
        keysHref={`/dashboard/${slug}/settings#provider-keys`}
        markupPercent={env().BILLING_MARKUP_PERCENT}
      />
      <Playground slug={slug} botId={bot.id} />
    </div>
  );
}
