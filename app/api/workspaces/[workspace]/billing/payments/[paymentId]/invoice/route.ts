import { withWorkspace } from "@/lib/auth/next/with-workspace";
import { invoiceLink } from "@/lib/billing/invoice-link";
import { env } from "@/lib/config/env";
import { isAppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/**
 * Sends the owner on to the top-up's invoice PDF at Stripe. Stripe's PDF links are signed and
 * short-lived, so the link is fetched on each click rather than stored. Without an invoice yet,
 * or when Stripe does not answer, the billing page explains instead of showing an error body.
 */
export const GET = withWorkspace<{ workspace: string; paymentId: string }>(
  async (_req, { ws, params }) => {
    const back = (reason: string) => Response.redirect(`${env().baseUrl}/dashboard/${encodeURIComponent(params.workspace)}/billing?invoice=${reason}`, 303);
    let url: string | null;
    try {
      url = await invoiceLink(ws, params.paymentId);
    } catch (error) {
      // Stripe failures arrive as AppErrors already logged by stripeFailure; anything else is ours.
      if (!isAppError(error) || error.code === "not_found" || error.code === "forbidden") throw error;
      return back("unavailable");
    }
    if (!url) return back("pending");
    return new Response(null, { status: 303, headers: { Location: url, "Cache-Control": "no-store" } });
  },
  { roles: ["owner"] },
);
