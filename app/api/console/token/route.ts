import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/to-response";
import { readJson } from "@/lib/http/read-json";
import { issueConsoleToken } from "@/lib/live-chat/console-token";

export const dynamic = "force-dynamic";

/**
 * `POST /api/console/token {workspace: slug}` → `{token, expiresAt}` for the /operator
 * socket (60 s; the console asks for a fresh one before every connect). Dashboard session
 * cookie, role operator or above. Same-origin only: a page elsewhere cannot have a
 * signed-in browser mint tokens (it could not read them either, but no token is made).
 */
export async function POST(req: Request) {
  try {
    if (!sameOrigin(req)) throw new AppError("forbidden", "Cross-site request refused.");
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Please sign in.");
    const body = (await readJson(req, 10_000)) as { workspace?: unknown } | null;
    const issued = await issueConsoleToken(user, typeof body?.workspace === "string" ? body.workspace : "");
    return Response.json(issued, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  if (origin === new URL(env().baseUrl).origin) return true;
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}
