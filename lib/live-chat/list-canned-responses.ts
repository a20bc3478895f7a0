import { z } from "zod";
import { db } from "../db/client";
import { findConversation } from "./find-conversation";
import type { TOperatorCtx } from "./operator-context";
import { LIVE_CHAT_LIMITS, type TCannedResponse } from "./protocol";

export const ZCannedQuery = z.object({
  query: z.string().trim().max(LIVE_CHAT_LIMITS.cannedQueryMaxChars).optional(),
  conversationId: z.string().min(1).max(64).optional(),
});

const LIMIT = 50;

/**
 * Canned responses an operator may use: the workspace's, those of the operator's
 * departments (and of the open conversation's department), and their own. `query` matches
 * the shortcut (with or without the leading "/"), the title or the text.
 */
export async function listCannedResponses(op: TOperatorCtx, raw: unknown): Promise<TCannedResponse[]> {
  const input = ZCannedQuery.parse(raw ?? {});
  const mine = await db().operatorDepartment.findMany({ where: { operator: { workspaceId: op.workspaceId, userId: op.userId } }, select: { departmentId: true } });
  const departmentIds = new Set(mine.map((d) => d.departmentId));
  if (input.conversationId) {
    const conversation = await findConversation(op.workspaceId, input.conversationId);
    if (conversation.departmentId) departmentIds.add(conversation.departmentId);
  }
  const q = input.query?.replace(/^\//, "");
  const rows = await db().cannedResponse.findMany({
    where: {
      workspaceId: op.workspaceId,
      OR: [
        { scope: "workspace" },
        { scope: "department", departmentId: { in: [...departmentIds] } },
        { scope: "operator", ownerUserId: op.userId },
      ],
      ...(q ? { AND: [{ OR: [{ shortcut: { contains: q, mode: "insensitive" } }, { title: { contains: q, mode: "insensitive" } }, { text: { contains: q, mode: "insensitive" } }] }] } : {}),
    },
    orderBy: [{ shortcut: "asc" }],
    take: LIMIT * 2,
    select: { id: true, scope: true, departmentId: true, shortcut: true, title: true, text: true },
  });
  // Shortcut matches first, then the rest; personal before department before workspace on equal shortcuts.
  const rank = (r: (typeof rows)[number]) => (q && r.shortcut.toLowerCase().startsWith(q.toLowerCase()) ? 0 : 1) * 10 + (r.scope === "operator" ? 0 : r.scope === "department" ? 1 : 2);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut))
    .slice(0, LIMIT)
    .map((r) => ({ id: r.id, scope: r.scope as TCannedResponse["scope"], departmentId: r.departmentId, shortcut: r.shortcut, title: r.title, text: r.text }));
}
