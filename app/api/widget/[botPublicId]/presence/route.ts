import { findWidgetBot } from "@/lib/chat/visitor-session";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/to-response";
import { clientIp } from "@/lib/http/client-ip";
import { recordPresence } from "@/lib/live-chat/record-presence";
import { consumeRateLimit } from "@/lib/rate-limit/rate-limit";
import { originAllowed } from "@/lib/widget/frame-page";
import { withoutNul } from "@/lib/validation/without-nul";

export const dynamic = "force-dynamic";

const MAX_BODY = 8_000;

function cors(origin: string | null) {
  return {
    "access-control-allow-origin": origin ?? "*",
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "content-type, x-session-id",
    "access-control-max-age": "600",
    "cache-control": "no-store",
    vary: "Origin",
  };
}

export function OPTIONS(req: Request) {
  return new Response(null, { status: 204, headers: cors(req.headers.get("origin")) });
}

/**
 * The loader's presence beacon (TPresenceBeacon → TPresenceReply, docs/protocol.md). No
 * credentials; CORS like the config route (allowed widget domains only). The body may be
 * sent as text/plain (navigator.sendBeacon) or JSON. `X-Session-Id` (optional) links the
 * beat to a visitor who already has a session. Rate-limited per client address.
 */
export async function POST(req: Request, { params }: { params: Promise<{ botPublicId: string }> }) {
  const origin = req.headers.get("origin");
  const headers = cors(origin);
  try {
    const { botPublicId } = await params;
    // Shares the API-key limiter's budget (600 a minute) under its own keys: an office behind one address has many visitors.
    await consumeRateLimit("widgetPresence", clientIp(req.headers));
    const bot = await findWidgetBot(botPublicId);
    if (!bot) throw new AppError("not_found", "Unknown bot.");
    if (origin && !originAllowed(origin, bot.workspace.allowedDomains)) {
      return Response.json({ error: { code: "origin_not_allowed", message: `${origin} is not an allowed widget domain of this workspace.` } }, { status: 403, headers });
    }
    const text = await req.text();
    if (text.length > MAX_BODY) throw new AppError("payload_too_large", "The beacon is too large.");
    let body: unknown;
    try {
      body = withoutNul(JSON.parse(text) as unknown);
    } catch {
      throw new AppError("bad_request", "The body is not valid JSON.");
    }
    const reply = await recordPresence(bot, body, { sessionToken: req.headers.get("x-session-id") });
    return Response.json(reply, { headers });
  } catch (error) {
    const response = errorResponse(error);
    for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
    return response;
  }
}
