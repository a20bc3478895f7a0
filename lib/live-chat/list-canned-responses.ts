import { z } from "zod";
import { listCannedResponsesFor } from "../canned/list-canned-responses-for";
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
  // One rule for which responses an operator may use (lib/canned): most personal wins per shortcut.
  const rows = await listCannedResponsesFor({ workspaceId: op.workspaceId, actorId: op.userId }, { query: q, departmentIds: [...departmentIds], limit: LIMIT * 2 });
  // Shortcut-prefix matches first, then the rest alphabetically.
  const rank = (r: (typeof rows)[number]) => (q && r.shortcut.toLowerCase().startsWith(q.toLowerCase()) ? 0 : 1);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut))
    .slice(0, LIMIT)
    .map((r) => ({ id: r.id, scope: r.scope, departmentId: r.departmentId, shortcut: r.shortcut, title: r.title, text: r.text }));
}
