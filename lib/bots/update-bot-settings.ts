import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { readWidgetSettings, ZModelSettings, ZWidgetSettings, type TModelSettings, type TWidgetSettings } from "./bot-settings";
import { isKnownChatModel } from "./chat-models";

/**
 * Saving a bot's answer settings (model control panel) and widget design. Admins and owners
 * only; the bot is looked up inside the caller's workspace, so a foreign id is "not found".
 */
type TCtx = Pick<TWorkspaceContext, "workspaceId" | "actorId" | "role">;

export async function updateModelSettings(ctx: TCtx, botId: string, raw: unknown): Promise<TModelSettings> {
  requireRole(ctx, ["admin"]);
  const input = ZModelSettings.parse(raw);
  const settings: TModelSettings = { ...input, model: checkedModel(input) };
  await saveJson(ctx, botId, { modelSettings: settings }, "bot.model_settings_updated", { provider: settings.provider, model: settings.model });
  return settings;
}

/** Texts the form does not edit (per-language overrides of widget strings) are kept. */
export async function updateWidgetSettings(ctx: TCtx, botId: string, raw: unknown): Promise<TWidgetSettings> {
  requireRole(ctx, ["admin"]);
  const input = ZWidgetSettings.parse(raw);
  const current = await db().bot.findFirst({ where: { id: botId, workspaceId: ctx.workspaceId }, select: { widgetSettings: true } });
  if (!current) throw new AppError("not_found", "Bot not found.");
  const previous = readWidgetSettings(current.widgetSettings);
  const settings: TWidgetSettings = {
    ...input,
    texts: {
      de: { ...input.texts.de, overrides: input.texts.de.overrides ?? previous.texts.de.overrides },
      en: { ...input.texts.en, overrides: input.texts.en.overrides ?? previous.texts.en.overrides },
    },
  };
  await saveJson(ctx, botId, { widgetSettings: settings }, "bot.widget_settings_updated", { primaryColor: settings.primaryColor, position: settings.position });
  return settings;
}

function checkedModel(input: TModelSettings): string {
  if (input.provider === "offline") return "";
  if (!input.model) throw new AppError("validation_failed", "Choose a model.", { details: { field: "model" } });
  if (input.provider === "openai-compatible") return input.model;
  if (!isKnownChatModel(input.provider, input.model)) {
    throw new AppError("validation_failed", "Choose one of the listed models; others cannot be priced.", { details: { field: "model" } });
  }
  return input.model;
}

async function saveJson(
  ctx: TCtx,
  botId: string,
  data: { modelSettings: TModelSettings } | { widgetSettings: TWidgetSettings },
  action: string,
  audit: Record<string, string>,
) {
  const result = await db().bot.updateMany({ where: { id: botId, workspaceId: ctx.workspaceId }, data });
  if (result.count === 0) throw new AppError("not_found", "Bot not found.");
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action, targetType: "bot", targetId: botId, data: audit },
  });
}
