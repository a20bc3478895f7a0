import { originAllowed, publicWidgetConfig } from "@/lib/widget/frame-page";

export const dynamic = "force-dynamic";

const HEADERS = { "access-control-allow-methods": "GET", "cache-control": "public, max-age=60", vary: "Origin" };

/**
 * The public widget configuration the loader reads on the host page (no credentials,
 * cacheable per origin). A page whose origin is not one of the workspace's allowed widget
 * domains gets 403 `origin_not_allowed`, and the loader stays hidden.
 */
export async function GET(req: Request, { params }: { params: Promise<{ botPublicId: string }> }) {
  const { botPublicId } = await params;
  const origin = req.headers.get("origin");
  const cors = { ...HEADERS, "access-control-allow-origin": origin ?? "*" };
  const found = await publicWidgetConfig(botPublicId);
  if (!found) return Response.json({ error: { code: "not_found", message: "Unknown bot." } }, { status: 404, headers: cors });
  if (origin && !originAllowed(origin, found.bot.workspace.allowedDomains)) {
    return Response.json({ error: { code: "origin_not_allowed", message: `${origin} is not an allowed widget domain of this workspace.` } }, { status: 403, headers: cors });
  }
  return Response.json(found.config, { headers: cors });
}
