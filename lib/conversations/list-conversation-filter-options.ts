import { db } from "../db/client";
import { operatorIdentities } from "../live-chat/operator-identity";
import type { TWorkspaceContext } from "../workspaces/types";

const MAX_TAGS = 200;

/** The choices of the transcript list's filters: this workspace's bots, departments, operators and tags. */
export async function listConversationFilterOptions(ctx: Pick<TWorkspaceContext, "workspaceId">) {
  const [bots, departments, members, tagRows] = await Promise.all([
    db().bot.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true } }),
    db().department.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().membership.findMany({ where: { workspaceId: ctx.workspaceId }, select: { userId: true } }),
    db().$queryRaw<{ tag: string }[]>`
      SELECT DISTINCT unnest(tags) AS tag FROM conversations WHERE workspace_id = ${ctx.workspaceId} ORDER BY tag LIMIT ${MAX_TAGS}`,
  ]);
  const names = await operatorIdentities(ctx.workspaceId, members.map((m) => m.userId));
  const operators = [...names.values()].map((o) => ({ id: o.userId, name: o.name })).sort((a, b) => a.name.localeCompare(b.name));
  return { bots, departments, operators, tags: tagRows.map((r) => r.tag) };
}
