import { withApiKey } from "@/lib/auth/next/with-api-key";

export const dynamic = "force-dynamic";

/** GET /api/v1/workspace → the API key's workspace. */
export const GET = withApiKey(async (_req, { api }) =>
  Response.json({ id: api.workspace.id, slug: api.workspace.slug, name: api.workspace.name }),
);
