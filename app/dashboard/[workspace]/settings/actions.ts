"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { deleteProviderKey, saveProviderKey, testProviderKey } from "@/lib/workspaces/manage-provider-keys";

/**
 * Provider keys of the workspace (owners and admins). A key goes in once and never comes
 * back: results carry the provider, the last four characters and the endpoint only.
 */

export const saveProviderKeyAction = workspaceAction(["admin"], async (ctx, input: unknown) => {
  const saved = await saveProviderKey(ctx, input);
  revalidatePath("/dashboard/[workspace]", "layout");
  return { provider: saved.provider, hasKey: saved.hasKey, keyHint: saved.keyHint, baseUrl: saved.baseUrl, updatedAt: saved.updatedAt.toISOString() };
});

export const deleteProviderKeyAction = workspaceAction(["admin"], async (ctx, input: { provider: string }) => {
  await deleteProviderKey(ctx, input.provider);
  revalidatePath("/dashboard/[workspace]", "layout");
  return null;
});

/** Also used by a bot's answers tab, with the model chosen there (saved or not). */
export const testProviderKeyAction = workspaceAction(["admin"], async (ctx, input: { provider: string; model?: string }) => {
  return testProviderKey(ctx, input);
});
