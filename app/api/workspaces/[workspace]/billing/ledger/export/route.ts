import { withWorkspace } from "@/lib/auth/next/with-workspace";
import { ledgerCsv } from "@/lib/billing/ledger-csv";

export const dynamic = "force-dynamic";

/** CSV download of the ledger entries the billing page's filters select (owners only, like all billing). */
export const GET = withWorkspace(
  async (req, { ws }) => {
    const params = new URL(req.url).searchParams;
    const pick = (key: string) => params.get(key) ?? undefined;
    const csv = await ledgerCsv(ws, { kind: pick("kind"), from: pick("from"), to: pick("to") });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="ledger-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { roles: ["owner"] },
);
