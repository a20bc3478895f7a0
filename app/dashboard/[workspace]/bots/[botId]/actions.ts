"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { runPlayground } from "@/lib/bots/run-playground";
import { updateModelSettings, updatePreChatSettings, updateWidgetSettings } from "@/lib/bots/update-bot-settings";

/** Answer settings, widget design, pre-chat form and playground of one bot: admins and owners only. */

export const updateModelSettingsAction = workspaceAction(["admin"], async (ctx, input: { botId: string; settings: unknown }) => {
  const settings = await updateModelSettings(ctx, String(input.botId), input.settings);
  revalidatePath("/dashboard/[workspace]/bots/[botId]/answers", "page");
  return settings;
});

export const updateWidgetSettingsAction = workspaceAction(["admin"], async (ctx, input: { botId: string; settings: unknown }) => {
  const settings = await updateWidgetSettings(ctx, String(input.botId), input.settings);
  revalidatePath("/dashboard/[workspace]/bots/[botId]/widget", "page");
  return settings;
});

export const updatePreChatAction = workspaceAction(["admin"], async (ctx, input: { botId: string; preChat: unknown }) => {
  const preChat = await updatePreChatSettings(ctx, String(input.botId), input.preChat);
  revalidatePath("/dashboard/[workspace]/bots/[botId]/widget", "page");
  return preChat;
});

export const runPlaygroundAction = workspaceAction(["admin"], async (ctx, input: { botId: string; question: string; locale?: string }) => {
  return runPlayground(ctx, String(input.botId), { question: input.question, locale: input.locale });
});
