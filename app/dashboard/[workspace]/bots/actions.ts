"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { createBot, deleteBot, updateBot } from "@/lib/bots/bots";
import { searchBot } from "@/lib/kb/search";
import { createSource, deleteSource, listDocuments, refreshSource } from "@/lib/kb/sources";

/** Bot and knowledge server actions: admins and owners only, checked by workspaceAction. */

export const createBotAction = workspaceAction(["admin"], async (ctx, input: unknown) => {
  const bot = await createBot(ctx, input);
  revalidatePath("/dashboard/[workspace]/bots", "page");
  return { id: bot.id };
});

export const updateBotAction = workspaceAction(["admin"], async (ctx, input: { botId: string; values: unknown }) => {
  await updateBot(ctx, String(input.botId), input.values);
  revalidatePath("/dashboard/[workspace]/bots", "layout");
  return null;
});

export const deleteBotAction = workspaceAction(["admin"], async (ctx, input: { botId: string }) => {
  await deleteBot(ctx, String(input.botId));
  revalidatePath("/dashboard/[workspace]/bots", "page");
  return null;
});

export const createSourceAction = workspaceAction(["admin"], async (ctx, input: { botId: string; source: unknown }) => {
  const source = await createSource(ctx, String(input.botId), input.source);
  revalidatePath("/dashboard/[workspace]/bots/[botId]", "page");
  return { id: source.id };
});

export const deleteSourceAction = workspaceAction(["admin"], async (ctx, input: { botId: string; sourceId: string }) => {
  await deleteSource(ctx, String(input.botId), String(input.sourceId));
  revalidatePath("/dashboard/[workspace]/bots/[botId]", "page");
  return null;
});

export const testSearchAction = workspaceAction(["admin"], async (ctx, input: { botId: string; query: string }) => {
  const started = performance.now();
  const results = await searchBot(ctx, String(input.botId), { query: input.query, k: 8 });
  return { results, ms: Math.round(performance.now() - started) };
});

export const refreshSourceAction = workspaceAction(["admin"], async (ctx, input: { botId: string; sourceId: string }) => {
  await refreshSource(ctx, String(input.botId), String(input.sourceId));
  revalidatePath("/dashboard/[workspace]/bots/[botId]", "page");
  return null;
});

export const listDocumentsAction = workspaceAction(["admin"], async (ctx, input: { botId: string; sourceId: string }) => {
  const docs = await listDocuments(ctx, String(input.botId), String(input.sourceId));
  return docs.map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString() }));
});
