import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { listMessages, storeVisitorMessage } from "../lib/chat/messages";
import { endVisitorSession, findWidgetBot, resolveVisitorSession, updateVisitor, type TWidgetBot } from "../lib/chat/visitor-session";
import { env } from "../lib/config/env";
import { db } from "../lib/db/client";
import { AppError, isAppError } from "../lib/errors/app-error";
import { toErrorBody } from "../lib/errors/to-response";
import { stripNulFromPackets, withoutNul } from "../lib/validation/without-nul";
import { handleLeadSubmit } from "../lib/leads/socket";
import { resolveClientIp } from "../lib/http/client-ip";
import { closeByVisitor } from "../lib/live-chat/close-conversation";
import { acceptInvitation } from "../lib/live-chat/invitations";
import { operatorIdentity } from "../lib/live-chat/operator-identity";
import { LIVE_CHAT_LIMITS, VISITOR_KEY_PATTERN } from "../lib/live-chat/protocol";
import { recordVisit } from "../lib/live-chat/record-visit";
import { requestHandoff } from "../lib/live-chat/request-handoff";
import { routeVisitorMessage } from "../lib/live-chat/route-visitor-message";
import { submitRating } from "../lib/live-chat/submit-rating";
import { presenceStore } from "../lib/live-chat/visitor-presence";
import { consumeRateLimit } from "../lib/rate-limit/rate-limit";
import { conversationEmitter, conversationRoom, emitToOperators, operatorConversationRoom, widgetVisitorRoom } from "../lib/realtime/broadcast";
import type { TAck, TWidgetClientEvents, TWidgetServerEvents } from "../lib/widget/protocol";

/**
 * The /widget namespace (docs/protocol.md): one socket per open chat frame. The handshake
 * resolves (or creates) the visitor session and its open conversation; every message is
 * persisted before it is broadcast to the conversation's room, so other tabs and other
 * nodes (Redis adapter) see the same history. While an operator has the chat, visitor
 * messages and typing go to the console and the bot stays silent.
 */
type TData = {
  bot: TWidgetBot;
  sessionId: string;
  /** The frame's conversation; a closed one is replaced by a new one on the visitor's next message. */
  conversationId: string;
  locale: string | null;
  visitorKey: string | null;
  /** For the first `session` event only. */
  handshake: { token: string; status: "bot" | "queued" | "assigned" | "closed"; since?: string; page?: z.infer<typeof ZPage> };
};
type TWidgetSocket = Socket<TWidgetClientEvents, TWidgetServerEvents, Record<string, never>, TData>;

const ZPage = z.object({ url: z.string().max(2000), title: z.string().max(300), referrer: z.string().max(2000) });

const ZAuth = z.object({
  botId: z.string().max(64),
  sessionId: z.string().max(64).optional(),
  since: z.string().max(64).optional(),
  locale: z.string().max(35).optional(),
  page: ZPage.optional(),
  visitorKey: z.string().regex(VISITOR_KEY_PATTERN).optional(),
});

const ZHandoff = z.object({ departmentId: z.string().min(1).max(64).optional() });

const room = conversationRoom;

/** Acks a failed event with the same error body the REST API would send (lib/errors). */
function fail<T>(ack: unknown, error: unknown): void {
  if (typeof ack !== "function") return;
  const { body } = toErrorBody(error);
  const retryAfterSeconds = isAppError(error) ? error.retryAfterSeconds : undefined;
  const res: TAck<T> = { ok: false, error: { ...body.error, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } };
  (ack as (r: TAck<T>) => void)(res);
}

export type TWidgetNamespaceOptions = {
  /**
   * This process is the only node (no Redis adapter), so a room's local sockets are all its
   * sockets: a visitor's message is broadcast to their other frames only when there are any.
   * Off by default (always broadcast), which is right with any adapter.
   */
  singleNode?: boolean;
};

export function attachWidgetNamespace(widget: Namespace, options: TWidgetNamespaceOptions = {}) {
  /** Whether a frame other than `socket` may show the conversation (on this or another node). */
  const othersMayListen = (socket: TWidgetSocket, conversationRoom: string) => {
    if (!options.singleNode) return true;
    const local = widget.adapter.rooms.get(conversationRoom);
    return local !== undefined && (local.size > 1 || !local.has(socket.id));
  };

  widget.use(async (socket, next) => {
    try {
      const auth = ZAuth.parse(withoutNul(socket.handshake.auth ?? {}));
      await consumeRateLimit("widgetConnect", resolveClientIp(socket.request, env().TRUST_PROXY === "true"));
      const bot = await findWidgetBot(auth.botId);
      if (!bot) return next(new Error("unknown_bot"));
      const session = await resolveVisitorSession(bot, { token: auth.sessionId, locale: auth.locale, page: auth.page, userAgent: socket.handshake.headers["user-agent"] });
      const data: TData = {
        bot, sessionId: session.sessionId, conversationId: session.conversation.id, locale: auth.locale ?? null, visitorKey: auth.visitorKey ?? null,
        handshake: { token: session.token, status: session.conversation.status, since: session.resumed ? auth.since : undefined, page: auth.page },
      };
      socket.data = data;
      next();
    } catch (error) {
      next(new Error(isAppError(error) ? error.code : error instanceof z.ZodError ? "invalid_auth" : "internal"));
    }
  });

  widget.on("connection", async (raw) => {
    const socket = raw as TWidgetSocket;
    stripNulFromPackets(socket);
    const { bot, sessionId, handshake: pending, visitorKey } = socket.data;
    const workspaceId = bot.workspaceId;
    const toRoom = () => conversationEmitter(widget, socket.data.conversationId);

    /** The frame's conversation, or a new one with the bot when the operator closed it. */
    const openConversationId = async (): Promise<string> => {
      const current = await db().conversation.findFirst({ where: { id: socket.data.conversationId, workspaceId }, select: { status: true } });
      if (current && current.status !== "closed") return socket.data.conversationId;
      const resumed = await resolveVisitorSession(bot, { token: pending.token, locale: socket.data.locale ?? undefined });
      if (resumed.sessionId !== sessionId) throw new AppError("gone", "This chat session has ended.");
      if (resumed.conversation.id !== socket.data.conversationId) {
        await socket.leave(room(socket.data.conversationId));
        socket.data.conversationId = resumed.conversation.id;
        await socket.join(room(resumed.conversation.id));
        socket.emit("conversation:status", { status: resumed.conversation.status, operator: null, conversationId: resumed.conversation.id });
        if (visitorKey) await presenceStore().link(visitorKey, resumed.conversation.id, LIVE_CHAT_LIMITS.invitationAnswerSeconds);
      }
      return resumed.conversation.id;
    };

    socket.on("message:send", async (payload, ack) => {
      try {
        await consumeRateLimit("widgetMessage", sessionId);
        let conversationId = socket.data.conversationId;
        let stored = await storeVisitorMessage({ id: conversationId, workspaceId }, payload ?? {});
        if (!stored) {
          // Closed by the operator: the next message starts a new conversation with the bot.
          conversationId = await openConversationId();
          stored = await storeVisitorMessage({ id: conversationId, workspaceId }, payload ?? {});
          if (!stored) throw new AppError("gone", "This chat session has ended.");
        }
        const { message, duplicate } = stored;
        if (typeof ack === "function") ack({ ok: true, data: { message } });
        if (duplicate) return;
        if (othersMayListen(socket, room(conversationId))) socket.to(room(conversationId)).emit("message:new", message);
        void routeVisitorMessage({ bot, conversationId, message, locale: socket.data.locale, emit: toRoom(), known: stored.conversation });
      } catch (error) {
        fail(ack, error);
      }
    });

    socket.on("handoff:request", async (payload, ack) => {
      try {
        await consumeRateLimit("widgetMessage", sessionId);
        const input = ZHandoff.parse(payload ?? {});
        const conversationId = await openConversationId();
        const result = await requestHandoff({ workspaceId, conversationId, departmentId: input.departmentId ?? null, reason: "visitor_request" });
        if (typeof ack === "function") ack({ ok: true, data: result });
      } catch (error) {
        fail(ack, error);
      }
    });

    socket.on("invitation:accept", async (payload, ack) => {
      try {
        await consumeRateLimit("widgetMessage", sessionId);
        const conversationId = await openConversationId();
        const result = await acceptInvitation({ workspaceId, botId: bot.id, conversationId }, payload ?? {});
        if (typeof ack === "function") ack({ ok: true, data: result });
      } catch (error) {
        fail(ack, error);
      }
    });

    socket.on("rating:submit", async (payload, ack) => {
      try {
        await consumeRateLimit("widgetMessage", sessionId);
        const data = await submitRating({ workspaceId, visitorSessionId: sessionId, conversationId: socket.data.conversationId }, payload ?? {});
        if (typeof ack === "function") ack({ ok: true, data });
      } catch (error) {
        fail(ack, error);
      }
    });

    socket.on("visitor:update", async (payload, ack) => {
      try {
        await updateVisitor(sessionId, payload ?? {});
        if (typeof ack === "function") ack({ ok: true, data: null });
      } catch (error) {
        fail(ack, error);
      }
    });

    socket.on("page", (payload) => {
      const page = ZPage.safeParse(payload);
      if (!page.success) return;
      emitToOperators(operatorConversationRoom(socket.data.conversationId))("visitor:page", { conversationId: socket.data.conversationId, page: page.data });
      void recordVisit(sessionId, page.data).catch(() => undefined);
    });

    socket.on("typing", (payload) => {
      const active = (payload as { active?: unknown } | undefined)?.active;
      if (typeof active !== "boolean") return;
      // Only operators who opened (or were assigned) the conversation are in this room.
      emitToOperators(operatorConversationRoom(socket.data.conversationId))("typing", { conversationId: socket.data.conversationId, from: "visitor", active });
    });

    socket.on("lead:submit", async (payload, ack) => {
      try {
        const data = await handleLeadSubmit(socket.data, payload);
        if (typeof ack === "function") ack({ ok: true, data });
      } catch (error) {
        fail(ack, error);
      }
    });

    socket.on("session:end", async (_payload, ack) => {
      try {
        const conversationId = socket.data.conversationId;
        await closeByVisitor(workspaceId, conversationId);
        await endVisitorSession(sessionId);
        toRoom()("conversation:status", { status: "closed", operator: null });
        if (typeof ack === "function") ack({ ok: true, data: null });
        widget.in(room(conversationId)).disconnectSockets(true);
      } catch (error) {
        fail(ack, error);
      }
    });

    const conversationId = socket.data.conversationId;
    await socket.join([room(conversationId), ...(visitorKey ? [widgetVisitorRoom(visitorKey)] : [])]);
    // The visitor interacted (the frame connects only then): their pages are kept from now on.
    if (pending.page) await recordVisit(sessionId, pending.page).catch(() => undefined);
    const history = await listMessages(conversationId, pending.since);
    socket.emit("session", { sessionId: pending.token, conversation: { id: conversationId, status: pending.status }, messages: history.messages, incremental: history.incremental });
    if (pending.status === "queued" || pending.status === "assigned") await emitCurrentStatus(socket, conversationId);
    if (visitorKey) void presenceStore().link(visitorKey, conversationId, LIVE_CHAT_LIMITS.invitationAnswerSeconds).catch(() => undefined);
  });
}

async function emitCurrentStatus(socket: TWidgetSocket, conversationId: string) {
  const current = await db().conversation.findFirst({ where: { id: conversationId, workspaceId: socket.data.bot.workspaceId }, select: { status: true, assignedUserId: true } });
  if (!current) return;
  const who = current.status === "assigned" && current.assignedUserId ? await operatorIdentity(socket.data.bot.workspaceId, current.assignedUserId) : null;
  socket.emit("conversation:status", { status: current.status, operator: who ? { name: who.name, avatarUrl: who.avatarUrl } : null });
}
