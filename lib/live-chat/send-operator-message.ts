import { z } from "zod";
import { db, Prisma } from "../db/client";
import { conversationRoom, emitToWidget } from "../realtime/broadcast";
import { toConsoleMessage } from "./console-message";
import { findConversation, refuse } from "./find-conversation";
import { parseCommand, resolveCommand, type TOperatorCommand } from "./operator-commands";
import { assertHandles, type TOperatorCtx } from "./operator-context";
import { operatorIdentity } from "./operator-identity";
import { LIVE_CHAT_LIMITS, type TConsoleMessage } from "./protocol";
import { publishMessage } from "./publish";
import { MESSAGE_SELECT } from "./system-messages";

export const ZOperatorMessageInput = z.object({
  conversationId: z.string().min(1).max(64),
  text: z.string().trim().min(1, "The message is empty.").max(LIVE_CHAT_LIMITS.messageMaxChars, `At most ${LIVE_CHAT_LIMITS.messageMaxChars} characters.`),
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "clientMessageId must be 8–64 letters, digits, - or _."),
  internal: z.boolean().optional().default(false),
});

/**
 * An operator's message: stored first (once per clientMessageId, also when the console
 * retries after a reconnect), then sent. Visible messages need the chat assigned to the
 * sender (or an admin); internal notes may be written on any open conversation and only
 * ever reach operators. `open:`/`goto:` commands are checked before anything is stored.
 */
export async function sendOperatorMessage(op: TOperatorCtx, raw: unknown): Promise<{ message: TConsoleMessage; command?: TOperatorCommand; duplicate: boolean }> {
  const input = ZOperatorMessageInput.parse(raw);
  const conversation = await findConversation(op.workspaceId, input.conversationId);
  if (conversation.status === "closed") throw refuse("conversation_closed", "This conversation has ended; the message was not sent.");
  if (!input.internal) {
    if (conversation.status !== "assigned") throw refuse("not_assigned", "Accept the chat before writing to the visitor (or write an internal note).");
    assertHandles(op, conversation);
  }
  const parsed = input.internal ? null : parseCommand(input.text);
  let command: TOperatorCommand | undefined;
  if (parsed) {
    const workspace = await db().workspace.findUniqueOrThrow({ where: { id: op.workspaceId }, select: { allowedDomains: true } });
    command = resolveCommand(parsed, workspace.allowedDomains);
  }

  const author = await operatorIdentity(op.workspaceId, op.userId);
  let row;
  try {
    row = await db().$transaction(async (tx) => {
      const message = await tx.message.create({
        data: { workspaceId: op.workspaceId, conversationId: conversation.id, role: "operator", text: input.text, clientMessageId: input.clientMessageId, authorUserId: op.userId, internal: input.internal },
        select: MESSAGE_SELECT,
      });
      // The conversation must still be open when the message lands (a close may have raced it).
      const { count } = await tx.conversation.updateMany({
        where: { id: conversation.id, workspaceId: op.workspaceId, status: { not: "closed" } },
        data: { lastMessageAt: message.createdAt, messageCount: { increment: 1 } },
      });
      if (!count) throw refuse("conversation_closed", "This conversation has ended; the message was not sent.");
      return message;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db().message.findUnique({ where: { conversationId_clientMessageId: { conversationId: conversation.id, clientMessageId: input.clientMessageId } }, select: MESSAGE_SELECT });
      if (existing && existing.authorUserId === op.userId) return { message: toConsoleMessage(existing, author), command, duplicate: true };
      if (existing) throw refuse("client_message_id_taken", "This clientMessageId is already used in this conversation; generate a new one.");
    }
    throw error;
  }

  publishMessage({ id: conversation.id, workspaceId: op.workspaceId, assignedUserId: conversation.assignedUserId }, row, author);
  if (command) emitToWidget(conversationRoom(conversation.id))("command", command);
  return { message: toConsoleMessage(row, author), command, duplicate: false };
}
