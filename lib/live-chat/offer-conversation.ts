import { db } from "../db/client";
import { log } from "../log/logger";
import { candidateOperators, type TCandidate } from "./availability";
import { emitToOperators, operatorRoom } from "../realtime/broadcast";
import { publishOffer, publishQueue } from "./publish";
import { readLiveChatSettings } from "./settings";

/** The smallest offerTimeoutSeconds a workspace may set (the sweep's first filter). */
const MIN_OFFER_TIMEOUT_SECONDS = 10;

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

/** An offer being moved on: it must still be this one (same operator, same moment) when the row is locked. */
type TReplacedOffer = { userId: string; offeredAt: Date };

/**
 * Offers a waiting chat to the next operator. With `replacing`, an unanswered offer moves on:
 * the operator who let it lapse is skipped this round (a decline is remembered, a lapse is
 * not); when nobody else is free, it stays with them and is announced again.
 */
export async function offerConversation(workspaceId: string, conversationId: string, replacing?: TReplacedOffer): Promise<string | null> {
  const chosen = await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string; department_id: string | null; declined_by: string[]; offered_to_user_id: string | null; offered_at: Date | null }[]>`
      SELECT status, department_id, declined_by, offered_to_user_id, offered_at FROM conversations WHERE id = ${conversationId} AND workspace_id = ${workspaceId} FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status !== "queued") return null;
    if (replacing ? row.offered_to_user_id !== replacing.userId || row.offered_at?.getTime() !== replacing.offeredAt.getTime() : row.offered_to_user_id) return null;
    const department = row.department_id ? await tx.department.findFirst({ where: { id: row.department_id, workspaceId }, select: { assignment: true } }) : null;
    const skip = [...(row.declined_by ?? []), ...(replacing ? [replacing.userId] : [])];
    const candidate = pickOperator(await candidateOperators(tx, workspaceId, row.department_id), skip, department?.assignment ?? "least_busy");
    const userId = candidate?.userId ?? replacing?.userId;
    if (!userId) return null;
    const now = new Date();
    await tx.conversation.update({ where: { id: conversationId }, data: { offeredToUserId: userId, offeredAt: now } });
    if (candidate) await tx.operatorProfile.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { lastAssignedAt: now } });
    return userId;
  });
  if (chosen) await publishOffer(workspaceId, conversationId, chosen);
  return chosen;
}

/**
 * Offers older than the workspace's offerTimeoutSeconds move on to the next free operator
 * (the sweep). Conditional on the offer being unchanged, so several nodes move each once.
 */
export async function moveUnansweredOffers(now = new Date()): Promise<number> {
  const lapsed = await db().conversation.findMany({
    where: { status: "queued", offeredToUserId: { not: null }, offeredAt: { lt: new Date(now.getTime() - MIN_OFFER_TIMEOUT_SECONDS * 1000) } },
    orderBy: { offeredAt: "asc" },
    take: 200,
    select: { id: true, workspaceId: true, offeredToUserId: true, offeredAt: true, workspace: { select: { liveChatSettings: true } } },
  });
  let moved = 0;
  for (const c of lapsed) {
    const timeoutMs = readLiveChatSettings(c.workspace.liveChatSettings).offerTimeoutSeconds * 1000;
    if (c.offeredAt!.getTime() + timeoutMs > now.getTime()) continue;
    try {
      const next = await offerConversation(c.workspaceId, c.id, { userId: c.offeredToUserId!, offeredAt: c.offeredAt! });
      if (next && next !== c.offeredToUserId) {
        moved++;
        emitToOperators(operatorRoom(c.offeredToUserId!, c.workspaceId))("notice", { kind: "offer_lapsed", conversationId: c.id, text: "You did not answer this chat in time; it was offered to another operator." });
      }
    } catch (error) {
      log.error("Moving an unanswered offer failed", { conversationId: c.id, error: String(error) });
    }
  }
  return moved;
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
