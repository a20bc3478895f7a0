import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/to-response";
import { withApiKey } from "@/lib/auth/next/with-api-key";

export const dynamic = "force-dynamic";

/** Unknown /api/v1 paths: authenticate first (401 beats 404), then a JSON 404. */
const notFound = withApiKey<{ path: string[] }>(async (req) => errorResponse(new AppError("not_found", `No such endpoint: ${new URL(req.url).pathname}`)));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
