import { z } from "zod";
import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";
import { candidateOperators } from "./availability";
import { conversationDetails } from "./conversation-details";
import { findConversation, refuse } from "./find-conversation";
import { offerConversation } from "./offer-conversation";
import { assertHandles, isSupervisor, type TOperatorCtx } from "./operator-context";
import { operatorIdentity } from "./operator-identity";
import { LIVE_CHAT_LIMITS, type TConversationDetails } from "./protocol";
import { publishConversationStatus, publishMessage, publishQueue } from "./publish";
import { emitToOperators, operatorRoom } from "../realtime/broadcast";
import { addSystemMessage, MESSAGE_SELECT, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";

export const ZTransferInput = z.object({
  conversationId: z.string().min(1).max(64),
  to: z.discriminatedUnion("type", [
    z.object({ type: z.literal("operator"), userId: z.string().min(1).max(64) }),
    z.object({ type: z.literal("department"), departmentId: z.string().min(1).max(64) }),
  ]),
  note: z.string().trim().max(LIVE_CHAT_LIMITS.transferNoteMaxChars).optional(),
});

/**
 * Hands a chat to a colleague (assigned to them at once; they must be online) or to a
 * department (queued again and offered to its operators; refused when none of them is
 * online within business hours). The note is stored as an internal note; the visitor
 * reads a short system message.
 */
export async function transferConversation(op: TOperatorCtx, raw: unknown): Promise<TConversationDetails> {
  const input = ZTransferInput.parse(raw);
  const conversation = await findConversation(op.workspaceId, input.conversationId);
  if (conversation.status === "closed") throw refuse("conversation_closed", "This conversation has ended.");
  if (conversation.status === "bot") throw refuse("not_assigned", "This chat is with the bot; there is nothing to transfer.");
  if (conversation.status === "queued" && conversation.offeredToUserId !== op.userId && !isSupervisor(op)) throw refuse("not_your_chat", "Accept the chat before transferring it.", "forbidden");
  assertHandles(op, conversation);
  const lang = visitorLanguage(conversation.language);
  const from = await operatorIdentity(op.workspaceId, op.userId);
  const now = new Date();
  const guard = { id: conversation.id, workspaceId: op.workspaceId, status: conversation.status, assignedUserId: conversation.assignedUserId };

  if (input.to.type === "operator") {
    const targetId = input.to.userId;
    if (targetId === conversation.assignedUserId) throw refuse("same_operator", "The chat is already with this operator.", "validation_failed");
    const target = await db().operatorProfile.findFirst({ where: { workspaceId: op.workspaceId, userId: targetId, user: { memberships: { some: { workspaceId: op.workspaceId } } } }, select: { status: true } });
    const member = target ?? (await db().membership.findFirst({ where: { workspaceId: op.workspaceId, userId: targetId }, select: { id: true } }));
    if (!member) throw new AppError("not_found", "Operator not found.");
    if (target?.status !== "online") throw refuse("operator_unavailable", "This operator is not online.");
    const who = await operatorIdentity(op.workspaceId, targetId);
    const written = await db().$transaction(async (tx) => {
      const { count } = await tx.conversation.updateMany({
        where: guard,
        data: { status: "assigned", assignedUserId: targetId, assignedAt: now, offeredToUserId: null, offeredAt: null },
      });
      if (!count) return null;
      await tx.operatorProfile.updateMany({ where: { workspaceId: op.workspaceId, userId: targetId }, data: { lastAssignedAt: now } });
      const note = await writeNote(tx, op, conversation.id, input.note);
      const system = await addSystemMessage(tx, conversation, SYSTEM_TEXTS[lang].transferredToOperator(who?.name ?? ""));
      return { note, system };
    });
    if (!written) throw refuse("conversation_changed", "The chat changed in the meantime; please try again.");
    const published = { id: conversation.id, workspaceId: op.workspaceId, assignedUserId: targetId };
    if (written.note) publishMessage(published, written.note, from);
    publishMessage(published, written.system, null);
    const details = await conversationDetails(op.workspaceId, conversation.id);
    publishConversationStatus({ ...published, status: "assigned" }, who, details.department);
    emitToOperators(operatorRoom(targetId, op.workspaceId))("notice", {
      kind: "transferred_to_you",
      conversationId: conversation.id,
      text: input.note ? `${from?.name ?? ""}: ${input.note}` : `${from?.name ?? ""} transferred a chat to you.`,
    });
    await publishQueue(op.workspaceId);
    return details;
  }

  const department = await db().department.findFirst({ where: { id: input.to.departmentId, workspaceId: op.workspaceId }, select: { id: true, name: true } });
  if (!department) throw new AppError("not_found", "Department not found.");
  const candidates = (await candidateOperators(db(), op.workspaceId, department.id)).filter((c) => c.userId !== op.userId);
  if (!candidates.length) throw refuse("no_operators_online", `Nobody of ${department.name} is online within business hours right now.`);
  const written = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: guard,
      data: { status: "queued", departmentId: department.id, assignedUserId: null, assignedAt: null, queuedAt: now, offeredToUserId: null, offeredAt: null, declinedBy: [op.userId] },
    });
    if (!count) return null;
    const note = await writeNote(tx, op, conversation.id, input.note);
    const system = await addSystemMessage(tx, conversation, SYSTEM_TEXTS[lang].transferredToDepartment(department.name));
    return { note, system };
  });
  if (!written) throw refuse("conversation_changed", "The chat changed in the meantime; please try again.");
  const published = { id: conversation.id, workspaceId: op.workspaceId, assignedUserId: null };
  if (written.note) publishMessage(published, written.note, from);
  publishMessage(published, written.system, null);
  publishConversationStatus({ ...published, status: "queued" }, null, department);
  if (!(await offerConversation(op.workspaceId, conversation.id))) await publishQueue(op.workspaceId);
  return conversationDetails(op.workspaceId, conversation.id);
}

async function writeNote(tx: TransactionClient, op: TOperatorCtx, conversationId: string, note: string | undefined) {
  if (!note) return null;
  const message = await tx.message.create({
    data: { workspaceId: op.workspaceId, conversationId, role: "operator", text: note, authorUserId: op.userId, internal: true },
    select: MESSAGE_SELECT,
  });
  await tx.conversation.update({ where: { id: conversationId }, data: { messageCount: { increment: 1 } } });
  return message;
}
