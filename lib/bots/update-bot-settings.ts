import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { readWidgetSettings, ZModelSettings, ZPreChat, ZWidgetSettings, type TModelSettings, type TWidgetSettings } from "./bot-settings";
import { isKnownChatModel } from "./chat-models";

/**
 * Saving a bot's answer settings (model control panel), widget design and pre-chat form.
 * Admins and owners only; the bot is looked up inside the caller's workspace, so a foreign id
 * is "not found".
 */
type TCtx = Pick<TWorkspaceContext, "workspaceId" | "actorId" | "role">;
type TPreChat = TWidgetSettings["preChat"];

/** The design form's part of the widget settings: everything but the pre-chat form, which has its own editor. */
const ZWidgetDesignInput = ZWidgetSettings.omit({ preChat: true });

export async function updateModelSettings(ctx: TCtx, botId: string, raw: unknown): Promise<TModelSettings> {
  requireRole(ctx, ["admin"]);
  const input = ZModelSettings.parse(raw);
  const settings: TModelSettings = { ...input, model: checkedModel(input) };
  const result = await db().bot.updateMany({ where: { id: botId, workspaceId: ctx.workspaceId }, data: { modelSettings: settings } });
  if (result.count === 0) throw new AppError("not_found", "Bot not found.");
  await db().auditLog.create({ data: auditEntry(ctx, botId, "bot.model_settings_updated", { provider: settings.provider, model: settings.model }) });
  return settings;
}

/**
 * Saves the design and texts. What the design form does not edit is kept: the pre-chat form
 * (even if the input carries one) and per-language overrides of widget strings.
 */
export async function updateWidgetSettings(ctx: TCtx, botId: string, raw: unknown): Promise<TWidgetSettings> {
  requireRole(ctx, ["admin"]);
  const input = ZWidgetDesignInput.parse(raw);
  return changeWidgetSettings(ctx, botId, (previous) => ({
    ...previous,
    ...input,
    texts: {
      de: { ...input.texts.de, overrides: input.texts.de.overrides ?? previous.texts.de.overrides },
      en: { ...input.texts.en, overrides: input.texts.en.overrides ?? previous.texts.en.overrides },
    },
    preChat: previous.preChat,
  }), { action: "bot.widget_settings_updated", audit: (s) => ({ primaryColor: s.primaryColor, position: s.position }) });
}

/** Saves the pre-chat form and keeps the rest of the widget settings. */
export async function updatePreChatSettings(ctx: TCtx, botId: string, raw: unknown): Promise<TPreChat> {
  requireRole(ctx, ["admin"]);
  const preChat = ZPreChat.parse(raw);
  // The widget leaves out a choice without choices, so a department list must not be empty either.
  const empty = preChat.fields.findIndex((f) => f.type === "department" && f.options.length === 0);
  if (empty >= 0) throw new AppError("validation_failed", "A department field needs options.", { details: { field: `fields.${empty}.options` } });
  const settings = await changeWidgetSettings(ctx, botId, (previous) => ({ ...previous, preChat }), {
    action: "bot.pre_chat_updated",
    audit: (s) => ({ enabled: s.preChat.enabled, fields: s.preChat.fields.map((f) => f.key).join(",") }),
  });
  return settings.preChat;
}

/**
 * Read, change and write the JSON column under a row lock: the design and the pre-chat form
 * are saved separately from the same page, and neither save may undo the other.
 */
async function changeWidgetSettings(
  ctx: TCtx,
  botId: string,
  change: (previous: TWidgetSettings) => TWidgetSettings,
  log: { action: string; audit: (settings: TWidgetSettings) => Record<string, string | boolean> },
): Promise<TWidgetSettings> {
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM bots WHERE id = ${botId} AND workspace_id = ${ctx.workspaceId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", "Bot not found.");
    const current = await tx.bot.findUniqueOrThrow({ where: { id: botId }, select: { widgetSettings: true } });
    const settings = change(readWidgetSettings(current.widgetSettings));
    await tx.bot.update({ where: { id: botId }, data: { widgetSettings: settings } });
    await tx.auditLog.create({ data: auditEntry(ctx, botId, log.action, log.audit(settings)) });
    return settings;
  });
}

function auditEntry(ctx: TCtx, botId: string, action: string, data: Record<string, string | boolean>) {
  return { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action, targetType: "bot", targetId: botId, data };
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
