import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { readModelSettings, readWidgetSettings } from "./bot-settings";

/** A bot's widget and answer settings, complete with defaults; a foreign bot id is "not found". */
export async function getBotSettings(ctx: Pick<TWorkspaceContext, "workspaceId">, botId: string) {
  const bot = await db().bot.findFirst({
    where: { id: botId, workspaceId: ctx.workspaceId },
    select: { id: true, publicId: true, name: true, widgetSettings: true, modelSettings: true },
  });
  if (!bot) throw new AppError("not_found", "Bot not found.");
  return { id: bot.id, publicId: bot.publicId, name: bot.name, widget: readWidgetSettings(bot.widgetSettings), model: readModelSettings(bot.modelSettings) };
}
