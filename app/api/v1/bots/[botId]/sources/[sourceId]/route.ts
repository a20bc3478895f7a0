import { withApiKey } from "@/lib/auth/next/with-api-key";
import { deleteSource, getSource } from "@/lib/kb/sources";

export const dynamic = "force-dynamic";

type P = { botId: string; sourceId: string };

/** GET /api/v1/bots/{botId}/sources/{sourceId} → { id, type, status, documentCount, chunkCount, error? } */
export const GET = withApiKey<P>(async (_req, { api, params }) => Response.json(await getSource(api, params.botId, params.sourceId)));

/** DELETE /api/v1/bots/{botId}/sources/{sourceId} → 204 */
export const DELETE = withApiKey<P>(async (_req, { api, params }) => {
  await deleteSource({ workspaceId: api.workspaceId, actorId: "" }, params.botId, params.sourceId);
  return new Response(null, { status: 204 });
});
