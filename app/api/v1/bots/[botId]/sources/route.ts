import { withApiKey } from "@/lib/auth/next/with-api-key";
import { readJson } from "@/lib/http/read-json";
import { createSource, listSources } from "@/lib/kb/sources";

export const dynamic = "force-dynamic";

type P = { botId: string };

/** GET /api/v1/bots/{botId}/sources → { sources: [...] } */
export const GET = withApiKey<P>(async (_req, { api, params }) => Response.json({ sources: await listSources(api, params.botId) }));

/** POST /api/v1/bots/{botId}/sources {type:"text", title, content} | {type:"qa", pairs} → 202 source (queued) */
export const POST = withApiKey<P>(async (req, { api, params }) => {
  const source = await createSource({ workspaceId: api.workspaceId, actorId: "" }, params.botId, await readJson(req, 2_000_000));
  return Response.json(source, { status: 202 });
});
