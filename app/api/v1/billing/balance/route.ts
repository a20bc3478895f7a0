import { withApiKey } from "@/lib/auth/next/with-api-key";
import { getBalance } from "@/lib/billing/get-balance";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/billing/balance → { balance, currency, held, available }: the prepaid balance in
 * cents (EUR); `held` is reserved for answers in flight, `available` what new charges may use.
 */
export const GET = withApiKey(async (_req, { api }) => {
  const { balanceCents, heldCents, availableCents, currency } = await getBalance(api.workspaceId);
  return Response.json({ balance: balanceCents, currency, held: heldCents, available: availableCents }, { headers: { "Cache-Control": "no-store" } });
});
