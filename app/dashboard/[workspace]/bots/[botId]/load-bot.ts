import { notFound } from "next/navigation";
import { cache } from "react";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getBot } from "@/lib/bots/bots";
import { isAppError } from "@/lib/errors/app-error";

/**
 * The guard and the bot for every tab of the bot area (layout and page share one lookup per
 * request): admins and owners only; a bot of another workspace is a 404.
 */
export const loadBotPage = cache(async (slug: string, botId: string) => {
  const page = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/bots/${botId}`);
  const bot = await getBot(page.ctx, botId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return { ...page, bot };
});
