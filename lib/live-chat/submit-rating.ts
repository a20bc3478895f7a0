import { z } from "zod";
import { db } from "../db/client";
import { emitToOperators, operatorRoom } from "../realtime/broadcast";
import { refuse } from "./find-conversation";
import { LIVE_CHAT_LIMITS } from "./protocol";

export const ZRatingInput = z.object({
  rating: z.number().int().min(1, "1 to 5").max(5, "1 to 5"),
  comment: z.string().trim().max(LIVE_CHAT_LIMITS.ratingCommentMaxChars).optional(),
});

/**
 * The post-chat survey: rates the visitor's live chat (the frame's conversation, or the
 * session's latest one an operator took part in, when the frame already moved on to a new
 * conversation with the bot). Once per conversation; the operator hears about it.
 */
export async function submitRating(target: { workspaceId: string; visitorSessionId: string; conversationId: string }, raw: unknown): Promise<{ conversationId: string }> {
  const input = ZRatingInput.parse(raw);
  const rateable = { workspaceId: target.workspaceId, visitorSessionId: target.visitorSessionId, assignedAt: { not: null }, status: { in: ["assigned", "closed"] as ("assigned" | "closed")[] } };
  const conversation =
    (await db().conversation.findFirst({ where: { ...rateable, id: target.conversationId }, select: { id: true, assignedUserId: true, rating: true } })) ??
    (await db().conversation.findFirst({ where: rateable, orderBy: { assignedAt: "desc" }, select: { id: true, assignedUserId: true, rating: true } }));
  if (!conversation) throw refuse("nothing_to_rate", "There is no chat with our team to rate yet.");
  const { count } = await db().conversation.updateMany({
    where: { id: conversation.id, workspaceId: target.workspaceId, rating: null },
    data: { rating: input.rating, ratingComment: input.comment || null, ratedAt: new Date() },
  });
  if (!count) throw refuse("already_rated", "Thank you – this chat has already been rated.");
  if (conversation.assignedUserId) {
    emitToOperators(operatorRoom(conversation.assignedUserId, target.workspaceId))("notice", {
      kind: "visitor_rated",
      conversationId: conversation.id,
      text: `${"★".repeat(input.rating)}${"☆".repeat(5 - input.rating)}${input.comment ? ` – ${input.comment}` : ""}`,
    });
  }
  return { conversationId: conversation.id };
}
