import { db } from "../db/client";
import { humanAvailability } from "./availability";
import { findConversation, refuse } from "./find-conversation";
import { offerConversation } from "./offer-conversation";
import { operatorIdentity } from "./operator-identity";
import type { THandoffResult } from "./protocol";
import { publishConversationStatus, publishMessage, publishQueue } from "./publish";
import { addSystemMessage, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";

export type THandoffReason = "visitor_request" | "keyword" | "unsure";

/**
 * bot → queued. With nobody who can answer (no one online, the department outside its
 * business hours) nothing changes and the visitor gets `offline` with the department's
 * offline message (or ours): the widget shows the leave-a-message form, the bot keeps
 * helping. A repeated request answers with the current state.
 */
export async function requestHandoff(input: { workspaceId: string; conversationId: string; departmentId?: string | null; reason: THandoffReason }): Promise<THandoffResult> {
  const conversation = await findConversation(input.workspaceId, input.conversationId);
  if (conversation.status === "closed") throw refuse("conversation_closed", "This conversation has ended.");
  if (conversation.status !== "bot") return currentState(conversation);

  const departmentId = input.departmentId ?? conversation.departmentId ?? null;
  const availability = await humanAvailability(input.workspaceId, departmentId);
  const lang = visitorLanguage(conversation.language);
  if (!availability.available) return { status: "offline", message: availability.offlineMessage ?? SYSTEM_TEXTS[lang].offline };

  const now = new Date();
  const moved = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversation.id, workspaceId: input.workspaceId, status: "bot" },
      data: { status: "queued", departmentId, handoffReason: input.reason, queuedAt: now, offeredToUserId: null, offeredAt: null, declinedBy: [], assignedUserId: null, assignedAt: null },
    });
    if (!count) return null;
    return addSystemMessage(tx, conversation, SYSTEM_TEXTS[lang].queued);
  });
  if (!moved) return currentState(await findConversation(input.workspaceId, input.conversationId));

  const published = { id: conversation.id, workspaceId: input.workspaceId, assignedUserId: null };
  publishMessage(published, moved, null);
  publishConversationStatus({ ...published, status: "queued" }, null, availability.department);
  const offeredTo = await offerConversation(input.workspaceId, conversation.id);
  if (!offeredTo) await publishQueue(input.workspaceId);
  return { status: "queued", position: await queuePosition(input.workspaceId, now) };
}

async function queuePosition(workspaceId: string, queuedAt: Date) {
  return db().conversation.count({ where: { workspaceId, status: "queued", queuedAt: { lte: queuedAt } } });
}

async function currentState(conversation: { workspaceId: string; status: string; assignedUserId: string | null; queuedAt: Date | null }): Promise<THandoffResult> {
  if (conversation.status === "assigned" && conversation.assignedUserId) {
    const who = await operatorIdentity(conversation.workspaceId, conversation.assignedUserId);
    return { status: "assigned", operator: { name: who?.name ?? "", avatarUrl: who?.avatarUrl ?? null } };
  }
  if (conversation.status === "queued") return { status: "queued", position: conversation.queuedAt ? await queuePosition(conversation.workspaceId, conversation.queuedAt) : null };
  throw refuse("conversation_closed", "This conversation has ended.");
}
