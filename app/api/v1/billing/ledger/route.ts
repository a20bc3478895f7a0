import { withApiKey } from "@/lib/auth/next/with-api-key";
import { listLedgerEntries } from "@/lib/billing/list-ledger-entries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/billing/ledger?kind=top_up,usage&from=2026-01-01&to=2026-01-31&limit=50&cursor=…
 * → { entries: [{ id, kind, amount, balanceAfter, description, reference, createdAt }], nextCursor, total }.
 * Amounts in cents, signed from the workspace's side; newest first. Unknown or malformed
 * parameters answer 400.
 */
export const GET = withApiKey(async (req, { api }) => {
  const params = new URL(req.url).searchParams;
  const query: Record<string, string> = Object.fromEntries(params);
  // ?kind=top_up&kind=refund means the same as ?kind=top_up,refund.
  if (params.has("kind")) query.kind = params.getAll("kind").join(",");
  const page = await listLedgerEntries(api, query);
  return Response.json(
    {
      entries: page.entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        amount: e.amountCents,
        balanceAfter: e.balanceAfterCents,
        description: e.description,
        reference: e.reference,
        createdAt: e.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
      total: page.total,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
