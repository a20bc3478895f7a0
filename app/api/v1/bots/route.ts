import { withApiKey } from "@/lib/auth/next/with-api-key";
import { createBot, listBots } from "@/lib/bots/bots";
import { readJson } from "@/lib/http/read-json";

export const dynamic = "force-dynamic";

/** GET /api/v1/bots → { bots: [...] } */
export const GET = withApiKey(async (_req, { api }) => Response.json({ bots: await listBots(api) }));

/** POST /api/v1/bots {name, description?, languages?} → 201 bot */
export const POST = withApiKey(async (req, { api }) => {
  const bot = await createBot({ workspaceId: api.workspaceId, actorId: "" }, await readJson(req));
  return Response.json(bot, { status: 201 });
});
