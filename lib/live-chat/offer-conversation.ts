import { db } from "../db/client";
import { log } from "../log/logger";
import { candidateOperators, type TCandidate } from "./availability";
import { publishOffer, publishQueue } from "./publish";

/**
 * Offers a waiting chat to one operator: among the online operators (of its department,
 * within business hours) below their maxChats who have not declined it, by the department's
 * assignment rule: round_robin (whoever got a chat longest ago) or least_busy (fewest
 * active and offered chats, then longest ago). The conversation row is locked while the
 * choice is made, so two nodes never offer it to two people. Returns the chosen user id.
 */
export function pickOperator(candidates: TCandidate[], declinedBy: string[], assignment: string): TCandidate | null {
  const free = candidates.filter((c) => !declinedBy.includes(c.userId) && c.activeChats < c.maxChats);
  const since = (c: TCandidate) => c.lastAssignedAt?.getTime() ?? 0;
  free.sort((a, b) => (assignment === "round_robin" ? since(a) - since(b) : a.activeChats - b.activeChats || since(a) - since(b)) || a.userId.localeCompare(b.userId));
  return free[0] ?? null;
}

export async function offerConversation(workspaceId: string, conversationId: string): Promise<string | null> {
  const chosen = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string; department_id: string | null; declined_by: string[]; offered_to_user_id: string | null }[]>`
      SELECT status, department_id, declined_by, offered_to_user_id FROM conversations WHERE id = ${conversationId} AND workspace_id = ${workspaceId} FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status !== "queued" || row.offered_to_user_id) return null;
    const department = row.department_id ? await tx.department.findFirst({ where: { id: row.department_id, workspaceId }, select: { assignment: true } }) : null;
    const candidate = pickOperator(await candidateOperators(tx, workspaceId, row.department_id), row.declined_by ?? [], department?.assignment ?? "least_busy");
    if (!candidate) return null;
    const now = new Date();
    await tx.conversation.update({ where: { id: conversationId }, data: { offeredToUserId: candidate.userId, offeredAt: now } });
    await tx.operatorProfile.update({ where: { workspaceId_userId: { workspaceId, userId: candidate.userId } }, data: { lastAssignedAt: now } });
    return candidate.userId;
  });
  if (chosen) await publishOffer(workspaceId, conversationId, chosen);
  return chosen;
}

/** Offers every waiting chat nobody has been offered yet (an operator came online, a chat closed, the sweep). */
export async function offerWaitingConversations(workspaceId: string): Promise<number> {
  const waiting = await db().conversation.findMany({
    where: { workspaceId, status: "queued", offeredToUserId: null },
    orderBy: { queuedAt: "asc" },
    take: 100,
    select: { id: true },
  });
  let offered = 0;
  for (const { id } of waiting) {
    try {
      if (await offerConversation(workspaceId, id)) offered++;
    } catch (error) {
      log.error("Offering a chat failed", { conversationId: id, error: String(error) });
    }
  }
  return offered;
}

/** Withdraws every offer made to an operator who went away or offline, and offers those chats to someone else. */
export async function withdrawOffers(workspaceId: string, userId: string): Promise<void> {
  const { count } = await db().conversation.updateMany({ where: { workspaceId, status: "queued", offeredToUserId: userId }, data: { offeredToUserId: null, offeredAt: null } });
  if (!count) return;
  await publishQueue(workspaceId);
  await offerWaitingConversations(workspaceId);
}
