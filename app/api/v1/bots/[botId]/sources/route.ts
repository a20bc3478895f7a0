import { withApiKey } from "@/lib/auth/next/with-api-key";
import { readJson } from "@/lib/http/read-json";
import { readUpload } from "@/lib/http/read-upload";
import { createFileSource, createSource, listSources, MAX_UPLOAD_BYTES } from "@/lib/kb/sources";

export const dynamic = "force-dynamic";

type P = { botId: string };

/** GET /api/v1/bots/{botId}/sources → { sources: [...] } */
export const GET = withApiKey<P>(async (_req, { api, params }) => Response.json({ sources: await listSources(api, params.botId) }));

/**
 * POST /api/v1/bots/{botId}/sources → 202 source (queued). JSON {type:"url"|"text"|"qa", …}
 * or multipart/form-data with a `file` field (PDF, DOCX, TXT, Markdown, HTML, CSV; ≤ 20 MB).
 */
export const POST = withApiKey<P>(async (req, { api, params }) => {
  const ctx = { workspaceId: api.workspaceId, actorId: "" };
  const isUpload = (req.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const source = isUpload
    ? await createFileSource(ctx, params.botId, await readUpload(req, MAX_UPLOAD_BYTES))
    : await createSource(ctx, params.botId, await readJson(req, 2_000_000));
  return Response.json(source, { status: 202 });
});
