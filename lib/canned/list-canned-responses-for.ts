import { z } from "zod";
import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";
import type { TCannedResponse, TCannedScope } from "./schemas";
import { CANNED_SELECT, cannedSearchWhere, toCannedResponse } from "./to-canned-response";

const ZInput = z.object({
  query: z.string().trim().max(100).optional(),
  departmentIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  limit: z.number().int().min(1).max(500).default(200),
});
export type TCannedForInput = z.input<typeof ZInput>;

const PRIORITY: Record<TCannedScope, number> = { operator: 0, department: 1, workspace: 2 };

/**
 * What the operator console offers: the workspace's responses, those of the given
 * departments (of this workspace only) and the operator's own. On a shortcut used at
 * several levels the most personal wins (operator, then department, then workspace), so
 * `/shortcut` always inserts one well-defined text.
 */
export async function listCannedResponsesFor(ctx: Pick<TWorkspaceContext, "workspaceId" | "actorId">, raw: TCannedForInput): Promise<TCannedResponse[]> {
  const input = ZInput.parse(raw ?? {});
  const rows = await db().cannedResponse.findMany({
    where: {
      workspaceId: ctx.workspaceId,
      AND: [
        {
          OR: [
            { scope: "workspace" },
            { scope: "department", departmentId: { in: input.departmentIds }, department: { workspaceId: ctx.workspaceId } },
            { scope: "operator", ownerUserId: ctx.actorId },
          ],
        },
        cannedSearchWhere(input.query),
      ],
    },
    select: CANNED_SELECT,
    orderBy: [{ shortcut: "asc" }, { createdAt: "asc" }],
  });
  const ranked = rows.map(toCannedResponse).sort((a, b) => a.shortcut.localeCompare(b.shortcut) || PRIORITY[a.scope] - PRIORITY[b.scope]);
  const seen = new Set<string>();
  const result: TCannedResponse[] = [];
  for (const row of ranked) {
    if (seen.has(row.shortcut)) continue;
    seen.add(row.shortcut);
    result.push(row);
    if (result.length >= input.limit) break;
  }
  return result;
}
