import { withWorkspace } from "@/lib/auth/next/with-workspace";
import { readUpload } from "@/lib/http/read-upload";
import { createFileSource, MAX_UPLOAD_BYTES } from "@/lib/kb/sources";

export const dynamic = "force-dynamic";

/** Dashboard file upload (session + admin role); the same service as the public API. */
export const POST = withWorkspace<{ workspace: string; botId: string }>(
  async (req, { ws, params }) => Response.json(await createFileSource(ws, params.botId, await readUpload(req, MAX_UPLOAD_BYTES)), { status: 202 }),
  { roles: ["admin"] },
);
