import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BotSettings } from "@/components/dashboard/bots/bot-settings";
import { EmbeddingSettings, type TEmbeddingChoice } from "@/components/dashboard/bots/embedding-settings";
import { KNOWN_EMBEDDING_MODELS } from "@/lib/ai/embedders";
import { SUPPORTED_DIMENSIONS } from "@/lib/kb/bot-embedder";
import { loadBotPage } from "../load-bot";

type TParams = { params: Promise<{ workspace: string; botId: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { workspace: slug, botId } = await params;
  const [{ bot }, t] = await Promise.all([loadBotPage(slug, botId), getTranslations("dashboard.botTabs")]);
  return { title: `${t("general")} · ${bot.name}` };
}

/** Indexable sizes per known embedding model (the offline model first). */
function embeddingChoices(): TEmbeddingChoice[] {
  return Object.entries(KNOWN_EMBEDDING_MODELS)
    .filter(([model]) => model !== "text-embedding-004") // retired by Google
    .flatMap(([model, info]) =>
    info.providers
      .filter((p) => p !== "openai-compatible")
      .map((provider) => {
        const sizes = SUPPORTED_DIMENSIONS.filter((d) => d >= info.minDimensions && d <= info.maxDimensions && (info.acceptsDimensions || d === info.defaultDimensions));
        return { provider, model, dimensions: [...sizes] };
      })
      .filter((c) => c.dimensions.length > 0),
  );
}

/** Name, description, languages and deletion of the bot; its embedding model. */
export default async function BotGeneralPage({ params }: TParams) {
  const { workspace: slug, botId } = await params;
  const { bot } = await loadBotPage(slug, botId);
  return (
    <div className="space-y-6">
      <BotSettings slug={slug} bot={{ id: bot.id, publicId: bot.publicId, name: bot.name, description: bot.description ?? "", languages: bot.languages as ("de" | "en")[] }} />
      <EmbeddingSettings
        slug={slug}
        botId={bot.id}
        current={{ provider: bot.embeddingProvider, model: bot.embeddingModel, dimensions: bot.embeddingDimensions }}
        choices={embeddingChoices()}
      />
    </div>
  );
}
