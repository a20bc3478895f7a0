import { db } from "../db/client";
import { log } from "../log/logger";
import { emitToOperators, opsRoom } from "../realtime/broadcast";
import { publishConversationStatus, publishMessage, publishQueue } from "./publish";
import { readLiveChatSettings } from "./settings";
import { addSystemMessage, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";

const MIN_TIMEOUT_SECONDS = 30;

/**
 * A waiting chat nobody accepted within the workspace's queue timeout goes back to the bot,
 * with a message to the visitor. Safe on several nodes at once: the update is conditional on
 * the chat still waiting since the same moment, so one node wins and only it publishes.
 */
export async function returnTimedOutConversations(now = new Date()): Promise<string[]> {
  const candidates = await db().conversation.findMany({
    where: { status: "queued", queuedAt: { lt: new Date(now.getTime() - MIN_TIMEOUT_SECONDS * 1000) } },
    orderBy: { queuedAt: "asc" },
    take: 200,
    select: { id: true, workspaceId: true, queuedAt: true, language: true, workspace: { select: { liveChatSettings: true } } },
  });
  const returned: string[] = [];
  for (const c of candidates) {
    const timeout = readLiveChatSettings(c.workspace.liveChatSettings).queueTimeoutSeconds;
    if (!c.queuedAt || c.queuedAt.getTime() + timeout * 1000 > now.getTime()) continue;
    try {
      if (await returnToBot(c)) returned.push(c.id);
    } catch (error) {
      log.error("Returning a chat to the bot failed", { conversationId: c.id, error: String(error) });
    }
  }
  return returned;
}

async function returnToBot(c: { id: string; workspaceId: string; queuedAt: Date | null; language: string | null }): Promise<boolean> {
  const message = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: c.id, workspaceId: c.workspaceId, status: "queued", queuedAt: c.queuedAt },
      data: { status: "bot", offeredToUserId: null, offeredAt: null, declinedBy: [], queuedAt: null },
    });
    if (!count) return null;
    return addSystemMessage(tx, c, SYSTEM_TEXTS[visitorLanguage(c.language)].backToBot);
  });
  if (!message) return false;
  const published = { id: c.id, workspaceId: c.workspaceId, assignedUserId: null };
  publishMessage(published, message, null);
  publishConversationStatus({ ...published, status: "bot" }, null, null);
  emitToOperators(opsRoom(c.workspaceId))("notice", { kind: "queue_timeout", conversationId: c.id, text: "Nobody accepted this chat in time; it went back to the bot." });
  await publishQueue(c.workspaceId);
  return true;
}
