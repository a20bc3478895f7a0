import { withApiKey } from "@/lib/auth/next/with-api-key";
import { deleteBot, getBot } from "@/lib/bots/bots";

export const dynamic = "force-dynamic";

type P = { botId: string };

/** GET /api/v1/bots/{botId} */
export const GET = withApiKey<P>(async (_req, { api, params }) => Response.json(await getBot(api, params.botId)));

/** DELETE /api/v1/bots/{botId} → 204 (sources, documents, chunks and vectors go with it) */
export const DELETE = withApiKey<P>(async (_req, { api, params }) => {
  await deleteBot({ workspaceId: api.workspaceId, actorId: "" }, params.botId);
  return new Response(null, { status: 204 });
});
