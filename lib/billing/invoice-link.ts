import { log } from "../log/logger";
import type { TWorkspaceContext } from "../workspaces/types";
import { findWorkspacePayment } from "./find-payment";
import { stripeClient, stripeFailure } from "./stripe-client";

/**
 * The PDF of a top-up's Stripe invoice, or null while there is none yet (the webhook has
 * not stored the invoice id, or Stripe has not finalized it). A payment of another
 * workspace is "not found"; an invoice Stripe files under another workspace is never shown.
 */
export async function invoiceLink(ctx: TWorkspaceContext, paymentId: string): Promise<string | null> {
  const payment = await findWorkspacePayment(ctx, paymentId, { id: true, stripeInvoiceId: true });
  if (!payment.stripeInvoiceId) return null;
  const stripe = stripeClient();
  let invoice;
  try {
    invoice = await stripe.invoices.retrieve(payment.stripeInvoiceId);
  } catch (error) {
    throw stripeFailure(error, "retrieving an invoice", { workspaceId: ctx.workspaceId, paymentId: payment.id });
  }
  const owner = invoice.metadata?.workspaceId;
  if (owner && owner !== ctx.workspaceId) {
    log.error("Stripe: invoice belongs to another workspace", { workspaceId: ctx.workspaceId, paymentId: payment.id, invoiceId: invoice.id });
    return null;
  }
  return invoice.invoice_pdf ?? null;
}
