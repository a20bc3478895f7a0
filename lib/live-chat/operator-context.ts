import { db } from "../db/client";
import type { TRole } from "../validation/common";
import { roleAllows } from "../workspaces/roles";
import { refuse } from "./find-conversation";

/** Who acts on the /operator socket: set by the handshake, never by the client. */
export type TOperatorCtx = { workspaceId: string; userId: string; role: TRole };

export const isSupervisor = (op: TOperatorCtx) => roleAllows(op.role, ["admin"]);

/** Plain operators take chats of their own departments only; admins and owners take any. */
export async function assertMayTake(op: TOperatorCtx, departmentId: string | null) {
  if (!departmentId || isSupervisor(op)) return;
  const member = await db().operatorDepartment.findFirst({ where: { departmentId, operator: { workspaceId: op.workspaceId, userId: op.userId } }, select: { departmentId: true } });
  if (!member) throw refuse("not_in_department", "This chat waits for another department.", "forbidden");
}

/** Only the assigned operator, or an admin/owner, acts on an assigned chat. */
export function assertHandles(op: TOperatorCtx, conversation: { assignedUserId: string | null; status: string }) {
  if (conversation.status === "assigned" && conversation.assignedUserId !== op.userId && !isSupervisor(op)) {
    throw refuse("not_your_chat", "Another operator is handling this chat.", "forbidden");
  }
}
