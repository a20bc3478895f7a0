"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { deleteLead } from "@/lib/leads/leads";

/** Leads server actions: each goes through workspaceAction (membership + role). */
export const deleteLeadAction = workspaceAction(["admin"], async (ctx, input: { leadId: string }) => {
  await deleteLead(ctx, String(input?.leadId ?? ""));
  revalidatePath("/dashboard/[workspace]/leads", "page");
  return null;
});
