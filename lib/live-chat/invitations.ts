import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { emitToOperators, emitToWidget, operatorRoom, widgetRoomHasSockets, widgetVisitorRoom } from "../realtime/broadcast";
import { findConversation, refuse } from "./find-conversation";
import { offerConversation } from "./offer-conversation";
import type { TOperatorCtx } from "./operator-context";
import { operatorIdentity } from "./operator-identity";
import { LIVE_CHAT_LIMITS, VISITOR_KEY_PATTERN, type THandoffResult, type TInvitation } from "./protocol";
import { publishConversationStatus, publishMessage, publishQueue } from "./publish";
import { requestHandoff } from "./request-handoff";
import { addSystemMessage, MESSAGE_SELECT, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";
import { pendingKey, presenceStore } from "./visitor-presence";

export const ZInviteInput = z.object({
  visitorKey: z.string().regex(VISITOR_KEY_PATTERN),
  text: z.string().trim().min(1, "Write a message for the visitor.").max(LIVE_CHAT_LIMITS.invitationMaxChars),
});

/**
 * An operator invites a visitor from the live list. Nothing is stored in the database: the
 * invitation waits in the presence store for the visitor's next beacon beat (or goes straight
 * to an open chat frame of that page load), and becomes a conversation only when the visitor
 * answers it (`invitation:accept`).
 */
export async function inviteVisitor(op: TOperatorCtx, raw: unknown): Promise<{ invitationId: string }> {
  const input = ZInviteInput.parse(raw);
  const store = presenceStore();
  const visitor = await store.get(op.workspaceId, input.visitorKey);
  if (!visitor) throw new AppError("not_found", "This visitor has left the site.");
  const linked = visitor.conversationId ?? (await store.linkedConversations([input.visitorKey])).get(input.visitorKey);
  if (linked) {
    const conversation = await db().conversation.findFirst({ where: { id: linked, workspaceId: op.workspaceId }, select: { status: true } });
    if (conversation && (conversation.status === "queued" || conversation.status === "assigned")) throw refuse("already_chatting", "This visitor is already talking to (or waiting for) the team.");
  }
  const me = await operatorIdentity(op.workspaceId, op.userId);
  const invitation: TInvitation = { invitationId: randomBytes(16).toString("base64url"), operator: { name: me?.name ?? "", avatarUrl: me?.avatarUrl ?? null }, text: input.text };
  await store.putInvitation({ ...invitation, workspaceId: op.workspaceId, botId: visitor.botId, visitorKey: input.visitorKey, userId: op.userId }, LIVE_CHAT_LIMITS.invitationAnswerSeconds);
  const room = widgetVisitorRoom(input.visitorKey);
  if (await widgetRoomHasSockets(room)) emitToWidget(room)("invitation", invitation);
  else await store.putPendingInvitation(pendingKey(op.workspaceId, input.visitorKey), invitation, LIVE_CHAT_LIMITS.invitationPendingSeconds);
  return { invitationId: invitation.invitationId };
}

export const ZAcceptInvitationInput = z.object({ invitationId: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });

/**
 * The visitor answers an invitation: its text becomes the operator's first message and the
 * chat goes straight to that operator, or to the queue when they are no longer online.
 */
export async function acceptInvitation(target: { workspaceId: string; botId: string; conversationId: string }, raw: unknown): Promise<THandoffResult> {
  const { invitationId } = ZAcceptInvitationInput.parse(raw);
  const record = await presenceStore().takeInvitation(invitationId);
  if (!record || record.workspaceId !== target.workspaceId || record.botId !== target.botId) throw new AppError("not_found", "This invitation has expired.");
  const conversation = await findConversation(target.workspaceId, target.conversationId);
  if (conversation.status !== "bot") return requestHandoff({ workspaceId: target.workspaceId, conversationId: conversation.id, reason: "visitor_request" });

  const inviter = await db().operatorProfile.findFirst({ where: { workspaceId: target.workspaceId, userId: record.userId, status: "online", user: { memberships: { some: { workspaceId: target.workspaceId } } } }, select: { userId: true } });
  const who = await operatorIdentity(target.workspaceId, record.userId);
  const now = new Date();
  const written = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversation.id, workspaceId: target.workspaceId, status: "bot" },
      data: inviter
        ? { status: "assigned", assignedUserId: record.userId, assignedAt: now, queuedAt: now, handoffReason: "invitation", offeredToUserId: null, declinedBy: [] }
        : { status: "queued", assignedUserId: null, queuedAt: now, handoffReason: "invitation", offeredToUserId: null, declinedBy: [] },
    });
    if (!count) return null;
    const message = await tx.message.create({
      data: { workspaceId: target.workspaceId, conversationId: conversation.id, role: "operator", text: record.text, authorUserId: record.userId, createdAt: now },
      select: MESSAGE_SELECT,
    });
    await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: now, messageCount: { increment: 1 } } });
    const system = inviter ? null : await addSystemMessage(tx, conversation, SYSTEM_TEXTS[visitorLanguage(conversation.language)].queued);
    return { message, system };
  });
  if (!written) return requestHandoff({ workspaceId: target.workspaceId, conversationId: conversation.id, reason: "visitor_request" });

  const published = { id: conversation.id, workspaceId: target.workspaceId, assignedUserId: inviter ? record.userId : null };
  publishMessage(published, written.message, who);
  if (written.system) publishMessage(published, written.system, null);
  publishConversationStatus({ ...published, status: inviter ? "assigned" : "queued" }, inviter ? who : null, null);
  if (inviter) {
    emitToOperators(operatorRoom(record.userId, target.workspaceId))("notice", { kind: "invitation_accepted", conversationId: conversation.id, text: "A visitor answered your invitation." });
    await publishQueue(target.workspaceId);
    return { status: "assigned", operator: { name: who?.name ?? "", avatarUrl: who?.avatarUrl ?? null } };
  }
  if (!(await offerConversation(target.workspaceId, conversation.id))) await publishQueue(target.workspaceId);
  return { status: "queued", position: null };
}
