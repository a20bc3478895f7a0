import { z } from "zod";
import { db } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { requireRole } from "../../workspaces/require-role";
import type { TWorkspaceContext } from "../../workspaces/types";
import { PAID_STATUSES } from "./load-plan-state";

/**
 * Turns the automatic renewal of the paid plan on or off (owners only). Off: the plan runs
 * to the end of the paid period, then the workspace returns to Free (nothing is refunded,
 * nothing more is charged).
 */
export async function setAutoRenew(ctx: TWorkspaceContext, enabled: boolean): Promise<{ autoRenew: boolean }> {
  requireRole(ctx, ["owner"]);
  const autoRenew = z.boolean().parse(enabled);
  return db().$transaction(async (tx) => {
    const { count } = await tx.subscription.updateMany({
      where: { workspaceId: ctx.workspaceId, status: { in: [...PAID_STATUSES] } },
      data: { autoRenew },
    });
    if (count === 0) throw new AppError("conflict", "The workspace has no paid plan to renew.");
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "billing.auto_renew_changed", data: { autoRenew } },
    });
    return { autoRenew };
  });
}
