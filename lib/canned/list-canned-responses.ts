import { z } from "zod";
import { db } from "../db/client";
import { roleAllows } from "../workspaces/roles";
import type { TWorkspaceContext } from "../workspaces/types";
import { CANNED_SCOPES, type TCannedResponse } from "./schemas";
import { CANNED_SELECT, cannedSearchWhere, toCannedResponse } from "./to-canned-response";

export const ZCannedListFilters = z.object({
  query: z.string().trim().max(100).optional(),
  scope: z.enum(CANNED_SCOPES).optional(),
  departmentId: z.string().trim().min(1).max(64).optional(),
});
export type TCannedListFilters = z.input<typeof ZCannedListFilters>;

/**
 * The dashboard list: workspace responses, department responses (admins: all; operators:
 * their departments') and the actor's own personal ones. Other people's personal responses
 * stay private.
 */
export async function listCannedResponses(ctx: TWorkspaceContext, raw: TCannedListFilters = {}): Promise<TCannedResponse[]> {
  const filters = ZCannedListFilters.parse(raw);
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  const visible = [
    { scope: "workspace" },
    isAdmin
      ? { scope: "department" }
      : { scope: "department", department: { operators: { some: { operator: { userId: ctx.actorId, workspaceId: ctx.workspaceId } } } } },
    { scope: "operator", ownerUserId: ctx.actorId },
  ];
  const rows = await db().cannedResponse.findMany({
    where: {
      workspaceId: ctx.workspaceId,
      AND: [
        { OR: visible },
        filters.scope ? { scope: filters.scope } : {},
        filters.departmentId ? { departmentId: filters.departmentId } : {},
        cannedSearchWhere(filters.query),
      ],
    },
    select: CANNED_SELECT,
    orderBy: [{ shortcut: "asc" }, { createdAt: "asc" }],
    take: 500,
  });
  return rows.map(toCannedResponse);
}
