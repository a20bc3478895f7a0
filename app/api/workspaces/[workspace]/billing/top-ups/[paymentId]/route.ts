import { withWorkspace } from "@/lib/auth/next/with-workspace";
import { getTopUp } from "@/lib/billing/get-top-up";

export const dynamic = "force-dynamic";

/** The top-up the success page polls until the webhook has credited it (owners only). */
export const GET = withWorkspace<{ workspace: string; paymentId: string }>(
  async (_req, { ws, params }) => {
    const topUp = await getTopUp(ws, params.paymentId);
    return Response.json(
      {
        id: topUp.id,
        status: topUp.status,
        amountCents: topUp.amountCents,
        creditedCents: topUp.creditedCents,
        paidAt: topUp.paidAt?.toISOString() ?? null,
        balanceCents: topUp.balanceCents,
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
  { roles: ["owner"] },
);
