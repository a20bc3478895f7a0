"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { deleteConversation } from "@/lib/conversations/conversations";

/** Conversations server actions: each goes through workspaceAction (membership + role). */
export const deleteConversationAction = workspaceAction(["admin"], async (ctx, input: { conversationId: string }) => {
  await deleteConversation(ctx, String(input?.conversationId ?? ""));
  revalidatePath("/dashboard/[workspace]/conversations", "page");
  return null;
});
