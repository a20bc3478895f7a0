import { withApiKey } from "@/lib/auth/next/with-api-key";
import { readJson } from "@/lib/http/read-json";
import { searchBot } from "@/lib/kb/search";

export const dynamic = "force-dynamic";

/** POST /api/v1/bots/{botId}/search {query, k?} → { results: [{chunkId, sourceId, documentId, title, url, text, score}] } */
export const POST = withApiKey<{ botId: string }>(async (req, { api, params }) =>
  Response.json({ results: await searchBot(api, params.botId, await readJson(req)) }),
);
