import { publicWidgetConfig } from "@/lib/widget/frame-page";

export const dynamic = "force-dynamic";

const CORS = { "access-control-allow-origin": "*", "access-control-allow-methods": "GET", "cache-control": "public, max-age=60" };

/** The public widget configuration the loader reads on any site (no credentials, cacheable). */
export async function GET(_req: Request, { params }: { params: Promise<{ botPublicId: string }> }) {
  const { botPublicId } = await params;
  const found = await publicWidgetConfig(botPublicId);
  if (!found) return Response.json({ error: { code: "not_found", message: "Unknown bot." } }, { status: 404, headers: CORS });
  return Response.json(found.config, { headers: CORS });
}
