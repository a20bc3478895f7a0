import { db } from "../db/client";
import { log } from "../log/logger";
import { emitToOperators, opsRoom } from "../realtime/broadcast";
import { candidateOperators } from "./availability";
import { offerConversation } from "./offer-conversation";
import { publishConversationStatus, publishMessage, publishQueue } from "./publish";
import { readLiveChatSettings } from "./settings";
import { addSystemMessage, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";

/** The smallest reassignAfterMinutes a workspace may set (the sweep's first filter). */
const MIN_REASSIGN_MINUTES = 1;

/**
 * Chats assigned to an operator who has been offline for the workspace's reassignAfterMinutes
 * (closed the console, lost the connection, a node died) go back to the queue and are offered
 * to someone else; with nobody free they go back to the bot at once. The visitor is told
 * either way. Each move is conditional on the chat still being assigned to that operator, so
 * several nodes sweeping at once move it once. Returns the ids moved.
 */
export async function reassignAbsentOperatorsChats(now = new Date()): Promise<string[]> {
  const absent = await db().operatorProfile.findMany({
    where: { status: "offline", statusChangedAt: { lt: new Date(now.getTime() - MIN_REASSIGN_MINUTES * 60_000) } },
    select: { workspaceId: true, userId: true, statusChangedAt: true, workspace: { select: { liveChatSettings: true } } },
  });
  const moved: string[] = [];
  for (const profile of absent) {
    const afterMs = readLiveChatSettings(profile.workspace.liveChatSettings).reassignAfterMinutes * 60_000;
    if (profile.statusChangedAt.getTime() + afterMs > now.getTime()) continue;
    const chats = await db().conversation.findMany({
      where: { workspaceId: profile.workspaceId, status: "assigned", assignedUserId: profile.userId },
      select: { id: true, workspaceId: true, departmentId: true, language: true },
      take: 100,
    });
    for (const chat of chats) {
      try {
        if (await reassign(chat, profile.userId, now)) moved.push(chat.id);
      } catch (error) {
        log.error("Reassigning an absent operator's chat failed", { conversationId: chat.id, error: String(error) });
      }
    }
  }
  return moved;
}

async function reassign(chat: { id: string; workspaceId: string; departmentId: string | null; language: string | null }, absentUserId: string, now: Date): Promise<boolean> {
  const someoneFree = (await candidateOperators(db(), chat.workspaceId, chat.departmentId)).some((c) => c.userId !== absentUserId && c.activeChats < c.maxChats);
  const texts = SYSTEM_TEXTS[visitorLanguage(chat.language)];
  const message = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: chat.id, workspaceId: chat.workspaceId, status: "assigned", assignedUserId: absentUserId },
      data: someoneFree
        ? { status: "queued", assignedUserId: null, assignedAt: null, queuedAt: now, offeredToUserId: null, offeredAt: null, declinedBy: [] }
        : { status: "bot", assignedUserId: null, assignedAt: null, queuedAt: null, offeredToUserId: null, offeredAt: null, declinedBy: [] },
    });
    if (!count) return null;
    return addSystemMessage(tx, chat, someoneFree ? texts.reassigned : texts.backToBot);
  });
  if (!message) return false;
  const published = { id: chat.id, workspaceId: chat.workspaceId, assignedUserId: null };
  publishMessage(published, message, null);
  const department = chat.departmentId ? await db().department.findFirst({ where: { id: chat.departmentId, workspaceId: chat.workspaceId }, select: { id: true, name: true } }) : null;
  publishConversationStatus({ ...published, status: someoneFree ? "queued" : "bot" }, null, department);
  if (!someoneFree) {
    await publishQueue(chat.workspaceId);
    return true;
  }
  emitToOperators(opsRoom(chat.workspaceId))("notice", { kind: "chat_reassigned", conversationId: chat.id, text: "A chat went back to the queue because its operator is offline." });
  if (!(await offerConversation(chat.workspaceId, chat.id))) await publishQueue(chat.workspaceId);
  return true;
}
