"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { runPlayground } from "@/lib/bots/run-playground";
import { updateModelSettings, updateWidgetSettings } from "@/lib/bots/update-bot-settings";

/** Answer settings, widget design and playground of one bot: admins and owners only. */

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

export const runPlaygroundAction = workspaceAction(["admin"], async (ctx, input: { botId: string; question: string; locale?: string }) => {
  return runPlayground(ctx, String(input.botId), { question: input.question, locale: input.locale });
});
