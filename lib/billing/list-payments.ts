import { db } from "../db/client";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";

/**
 * The workspace's top-ups for the billing page, newest first. A Checkout Session that was never
 * finished leaves its Payment "pending"; Stripe expires such sessions after 24 hours, so an
 * older pending payment is shown as abandoned rather than as still open.
 */
export const PAYMENTS_SHOWN = 20;
export const CHECKOUT_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type TPaymentStatus = "pending" | "processing" | "paid" | "failed" | "abandoned" | "partially_refunded" | "refunded" | "disputed";

export type TPaymentRow = {
  id: string;
  status: TPaymentStatus;
  amountCents: number;
  creditedCents: number;
  refundedCents: number;
  hasInvoice: boolean;
  createdAt: Date;
  paidAt: Date | null;
};

const KNOWN = new Set<string>(["pending", "processing", "paid", "failed", "partially_refunded", "refunded", "disputed"]);

export function paymentStatus(payment: { status: string; createdAt: Date }, now = new Date()): TPaymentStatus {
  if (payment.status === "pending" && now.getTime() - payment.createdAt.getTime() > CHECKOUT_EXPIRY_MS) return "abandoned";
  if (payment.status === "expired") return "abandoned";
  return KNOWN.has(payment.status) ? (payment.status as TPaymentStatus) : "processing";
}

export async function listPayments(ctx: TWorkspaceContext, options: { take?: number } = {}): Promise<TPaymentRow[]> {
  requireRole(ctx, ["owner"]);
  const rows = await db().payment.findMany({
    where: { workspaceId: ctx.workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.take ?? PAYMENTS_SHOWN, 1), 100),
    select: { id: true, status: true, amountCents: true, amountTotalCents: true, creditedCents: true, refundedCents: true, stripeInvoiceId: true, createdAt: true, paidAt: true },
  });
  const now = new Date();
  return rows.map((p) => ({
    id: p.id,
    status: paymentStatus(p, now),
    amountCents: p.amountTotalCents ?? p.amountCents,
    creditedCents: p.creditedCents,
    refundedCents: p.refundedCents,
    hasInvoice: Boolean(p.stripeInvoiceId),
    createdAt: p.createdAt,
    paidAt: p.paidAt,
  }));
}
