import { authenticateApiKey } from "../../api-keys/api-keys";
import { errorResponse } from "../../errors/to-response";

export type TApiContext = { workspaceId: string; workspace: { id: string; slug: string; name: string }; apiKeyId: string };

type THandler<P> = (req: Request, ctx: { api: TApiContext; params: P }) => Promise<Response>;

/** The one wrapper for /api/v1 route handlers: Bearer key → workspace; errors as JSON. */
export function withApiKey<P = Record<string, string | string[]>>(handler: THandler<P>) {
  return async (req: Request, route: { params: Promise<P> }) => {
    try {
      const { apiKeyId, workspace } = await authenticateApiKey(req.headers.get("authorization"));
      return await handler(req, { api: { workspaceId: workspace.id, workspace, apiKeyId }, params: await route.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
