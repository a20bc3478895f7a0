import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { getBalance } from "./get-balance";

/**
 * One top-up as the success page polls it until the webhook has credited it. A payment of
 * another workspace is "not found".
 */
export type TTopUp = {
  id: string;
  /** pending | paid | failed | expired | … (set by checkout and the webhook handlers). */
  status: string;
  amountCents: number;
  creditedCents: number;
  paidAt: Date | null;
  balanceCents: number;
};

export async function getTopUp(ctx: TWorkspaceContext, paymentId: string): Promise<TTopUp> {
  requireRole(ctx, ["owner"]);
  const payment = await db().payment.findFirst({
    where: { id: String(paymentId), workspaceId: ctx.workspaceId },
    select: { id: true, status: true, amountCents: true, creditedCents: true, paidAt: true },
  });
  if (!payment) throw new AppError("not_found", "Payment not found.");
  const { balanceCents } = await getBalance(ctx.workspaceId);
  return { ...payment, balanceCents };
}
