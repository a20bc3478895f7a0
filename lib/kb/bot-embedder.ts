import { usableProviderCredential, type TProviderName } from "../ai/credentials";
import { createEmbedder, validateEmbeddingModel } from "../ai/embedders";
import { isAnswerProvider } from "../ai/providers";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { offlineEmbedder, type TEmbedder } from "./embed/embedder";

/**
 * A bot's embedding model: provider, model and dimension are stored on the bot; the key comes
 * from the workspace's provider credentials. Vectors of each size have their own partial
 * HNSW index (migrations *_vector_*), so only these sizes can be chosen.
 */
export const SUPPORTED_DIMENSIONS = [384, 768, 1024, 1536] as const;

export type TBotEmbedding = { workspaceId: string; embeddingProvider: string; embeddingModel: string; embeddingDimensions: number };

export async function embedderForBot(bot: TBotEmbedding): Promise<TEmbedder> {
  if (bot.embeddingProvider === "offline") return offlineEmbedder();
  const provider = bot.embeddingProvider as TProviderName;
  const credential = await usableProviderCredential(bot.workspaceId, provider);
  if (!credential) {
    throw new AppError("conflict", `No ${provider} key is configured for this workspace: add it under Settings → provider keys, or switch the bot's embeddings back to offline.`);
  }
  return createEmbedder({
    provider,
    model: bot.embeddingModel,
    dimensions: bot.embeddingDimensions,
    ...credential,
  });
}

export async function loadBotEmbedding(workspaceId: string, botId: string): Promise<TBotEmbedding> {
  const bot = await db().bot.findFirst({ where: { id: botId, workspaceId }, select: { workspaceId: true, embeddingProvider: true, embeddingModel: true, embeddingDimensions: true } });
  if (!bot) throw new AppError("not_found", "Bot not found.");
  return bot;
}

/** Checks a new embedding configuration; the error text is shown to the owner. */
export function embeddingConfigProblem(cfg: { provider: string; model: string; dimensions: number }): string | null {
  if (!(SUPPORTED_DIMENSIONS as readonly number[]).includes(cfg.dimensions)) return `Choose one of ${SUPPORTED_DIMENSIONS.join(", ")} dimensions.`;
  if (!isAnswerProvider(cfg.provider)) return "Unknown provider.";
  // Model and size only: whether a key exists is the caller's separate check.
  return validateEmbeddingModel({ provider: cfg.provider, model: cfg.model, dimensions: cfg.dimensions });
}
