"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { updateBotEmbedding } from "@/lib/bots/update-embedding";

/** Changing the bot's embedding model re-embeds all its sources in the background. */
export const updateBotEmbeddingAction = workspaceAction(["admin"], async (ctx, input: { botId: string; provider: string; model: string; dimensions: number }) => {
  const result = await updateBotEmbedding(ctx, String(input.botId), { provider: input.provider, model: input.model, dimensions: input.dimensions });
  revalidatePath("/dashboard/[workspace]/bots/[botId]", "layout");
  return result;
});
