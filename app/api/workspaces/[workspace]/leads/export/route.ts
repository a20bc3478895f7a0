import { withWorkspace } from "@/lib/auth/next/with-workspace";
import { leadsCsv } from "@/lib/leads/leads";

export const dynamic = "force-dynamic";

/**
 * CSV download of the leads the dashboard's filters select (session + admin role: a bulk
 * export of visitors' personal data is an admin's decision, viewing is open to operators).
 */
export const GET = withWorkspace(
  async (req, { ws }) => {
    const params = new URL(req.url).searchParams;
    const pick = (key: string) => params.get(key) ?? undefined;
    const csv = await leadsCsv(ws, { q: pick("q"), source: pick("source"), botId: pick("botId"), from: pick("from"), to: pick("to") });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { roles: ["admin"] },
);
