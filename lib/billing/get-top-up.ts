import type { TWorkspaceContext } from "../workspaces/types";
import { findWorkspacePayment } from "./find-payment";
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
  const payment = await findWorkspacePayment(ctx, paymentId, { id: true, status: true, amountCents: true, creditedCents: true, paidAt: true });
  const { balanceCents } = await getBalance(ctx.workspaceId);
  return { ...payment, balanceCents };
}
