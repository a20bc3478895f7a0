import { hasConversationWork, queueConversationWork, runBotTurn } from "../chat/bot-turn";
import type { TWidgetBot } from "../chat/visitor-session";
import { db } from "../db/client";
import { log } from "../log/logger";
import { emitToOperators, operatorConversationRoom, operatorRoom, type TConversationEmit } from "../realtime/broadcast";
import type { TWidgetMessage } from "../widget/protocol";
import { isHumanAvailable } from "./availability";
import { publishQueue } from "./publish";
import { requestHandoff } from "./request-handoff";
import { matchesHandoffKeyword, readLiveChatSettings } from "./settings";

/**
 * Where a stored visitor message goes. While the chat waits for or is with an operator, it
 * goes to the operators and the bot stays silent. Otherwise the owner's handoff keywords
 * hand over at once (when someone can answer); else the bot answers, and an answer it is
 * unsure about hands over to a human when one is available. One conversation's messages are
 * routed one after another (the bot-turn queue), so a handoff never overtakes an earlier answer.
 */
export function routeVisitorMessage(input: TRouteInput): Promise<void> {
  // With an operator (as of the insert) and nothing of this conversation still in line here,
  // nothing can overtake it: straight to the operators, without reading the conversation again.
  const known = input.known;
  if (known && (known.status === "queued" || known.status === "assigned") && !hasConversationWork(input.conversationId)) {
    toOperators(input, { id: input.conversationId, ...known });
    return known.status === "queued" ? publishQueue(input.bot.workspaceId) : Promise.resolve();
  }
  return queueConversationWork(input.conversationId, () => route(input));
}

type TRouteInput = {
  bot: TWidgetBot; conversationId: string; message: TWidgetMessage; locale: string | null; emit: TConversationEmit;
  /** The conversation's state as read in the statement that stored the message. */
  known?: { status: "bot" | "queued" | "assigned"; assignedUserId: string | null };
};

function toOperators(input: TRouteInput, conversation: { id: string; assignedUserId: string | null }) {
  const rooms = [operatorConversationRoom(conversation.id)];
  if (conversation.assignedUserId) rooms.push(operatorRoom(conversation.assignedUserId, input.bot.workspaceId));
  const m = input.message;
  // Spelled out rather than spread: this runs for every visitor message on the hot path.
  const message = { id: m.id, clientMessageId: m.clientMessageId, role: m.role, text: m.text, createdAt: m.createdAt, status: m.status, citations: m.citations, author: null, conversationId: conversation.id, internal: false };
  emitToOperators(rooms)("message:new", { message });
}

async function route(input: TRouteInput) {
  const conversation = await db().conversation.findFirst({
    where: { id: input.conversationId, workspaceId: input.bot.workspaceId },
    select: { id: true, status: true, assignedUserId: true },
  });
  if (!conversation || conversation.status === "closed") return;
  if (conversation.status === "queued" || conversation.status === "assigned") {
    toOperators(input, conversation);
    if (conversation.status === "queued") await publishQueue(input.bot.workspaceId);
    return;
  }

  const workspace = await db().workspace.findUnique({ where: { id: input.bot.workspaceId }, select: { liveChatSettings: true } });
  const settings = readLiveChatSettings(workspace?.liveChatSettings);
  if (matchesHandoffKeyword(settings, input.message.text)) {
    const result = await requestHandoff({ workspaceId: input.bot.workspaceId, conversationId: conversation.id, reason: "keyword" });
    if (result.status !== "offline") return;
  }
  const humanAvailable = await isHumanAvailable(input.bot.workspaceId);
  await runBotTurn({
    bot: input.bot,
    conversationId: conversation.id,
    questionMessageId: input.message.id,
    question: input.message.text,
    locale: input.locale,
    humanAvailable,
    emit: input.emit,
    onAnswered: async (answer) => {
      if (answer.confident || answer.status !== "done" || !humanAvailable) return;
      const result = await requestHandoff({ workspaceId: input.bot.workspaceId, conversationId: conversation.id, reason: "unsure" });
      if (result.status === "offline") log.debug("Unsure answer, but nobody can take over", { conversationId: conversation.id });
    },
  });
}
