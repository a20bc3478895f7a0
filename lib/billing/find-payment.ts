import { db, type Prisma } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";

/**
 * One top-up of the caller's workspace, for its owners (billing is owner-only); a payment of
 * another workspace, like an unknown id, is "not found".
 */
export async function findWorkspacePayment<S extends Prisma.PaymentSelect>(
  ctx: TWorkspaceContext,
  paymentId: string,
  select: S,
): Promise<Prisma.PaymentGetPayload<{ select: S }>> {
  requireRole(ctx, ["owner"]);
  const payment = await db().payment.findFirst({ where: { id: String(paymentId), workspaceId: ctx.workspaceId }, select });
  if (!payment) throw new AppError("not_found", "Payment not found.");
  return payment as Prisma.PaymentGetPayload<{ select: S }>;
}
