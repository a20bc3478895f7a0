import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { queueBotTurn } from "../lib/chat/bot-turn";
import { addVisitorMessage, listMessages } from "../lib/chat/messages";
import { endVisitorSession, findWidgetBot, recordPage, resolveVisitorSession, updateVisitor, type TWidgetBot } from "../lib/chat/visitor-session";
import { env } from "../lib/config/env";
import { isAppError } from "../lib/errors/app-error";
import { toErrorBody } from "../lib/errors/to-response";
import { handleLeadSubmit } from "../lib/leads/socket";
import { resolveClientIp } from "../lib/http/client-ip";
import { consumeRateLimit } from "../lib/rate-limit/rate-limit";
import { conversationEmitter, conversationRoom } from "../lib/realtime/broadcast";
import type { TAck, TWidgetClientEvents, TWidgetServerEvents } from "../lib/widget/protocol";

/**
 * The /widget namespace (docs/protocol.md): one socket per open chat frame. The handshake
 * resolves (or creates) the visitor session and its open conversation; every message is
 * persisted before it is broadcast to the conversation's room, so other tabs and other
 * nodes (Redis adapter) see the same history.
 */
type TData = {
  bot: TWidgetBot;
  sessionId: string;
  conversationId: string;
  locale: string | null;
  /** For the first `session` event only. */
  handshake: { token: string; status: "bot" | "queued" | "assigned" | "closed"; since?: string };
};
type TWidgetSocket = Socket<TWidgetClientEvents, TWidgetServerEvents, Record<string, never>, TData>;

const ZAuth = z.object({
  botId: z.string().max(64),
  sessionId: z.string().max(64).optional(),
  since: z.string().max(64).optional(),
  locale: z.string().max(35).optional(),
  page: z.object({ url: z.string().max(2000), title: z.string().max(300), referrer: z.string().max(2000) }).optional(),
});

const room = conversationRoom;

/** Acks a failed event with the same error body the REST API would send (lib/errors). */
function fail<T>(ack: unknown, error: unknown): void {
  if (typeof ack !== "function") return;
  const { body } = toErrorBody(error);
  const retryAfterSeconds = isAppError(error) ? error.retryAfterSeconds : undefined;
  const res: TAck<T> = { ok: false, error: { ...body.error, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } };
  (ack as (r: TAck<T>) => void)(res);
}

export function attachWidgetNamespace(widget: Namespace) {
  widget.use(async (socket, next) => {
    try {
      const auth = ZAuth.parse(socket.handshake.auth ?? {});
      await consumeRateLimit("widgetConnect", resolveClientIp(socket.request, env().TRUST_PROXY === "true"));
      const bot = await findWidgetBot(auth.botId);
      if (!bot) return next(new Error("unknown_bot"));
      const session = await resolveVisitorSession(bot, { token: auth.sessionId, locale: auth.locale, page: auth.page, userAgent: socket.handshake.headers["user-agent"] });
      const data: TData = {
        bot, sessionId: session.sessionId, conversationId: session.conversation.id, locale: auth.locale ?? null,
        handshake: { token: session.token, status: session.conversation.status, since: session.resumed ? auth.since : undefined },
      };
      socket.data = data;
      next();
    } catch (error) {
      next(new Error(isAppError(error) ? error.code : error instanceof z.ZodError ? "invalid_auth" : "internal"));
    }
  });

  widget.on("connection", async (raw) => {
    const socket = raw as TWidgetSocket;
    const { bot, sessionId, conversationId, handshake: pending } = socket.data;
    await socket.join(room(conversationId));
    const history = await listMessages(conversationId, pending.since);
    socket.emit("session", { sessionId: pending.token, conversation: { id: conversationId, status: pending.status }, messages: history.messages, incremental: history.incremental });
    const toRoom = conversationEmitter(widget, conversationId);

    socket.on("message:send", async (payload, ack) => {
      try {
        await consumeRateLimit("widgetMessage", sessionId);
        const { message, duplicate } = await addVisitorMessage({ id: conversationId, workspaceId: bot.workspaceId }, payload ?? {});
        if (typeof ack === "function") ack({ ok: true, data: { message } });
        if (duplicate) return;
        socket.to(room(conversationId)).emit("message:new", message);
        void queueBotTurn({
          bot,
          conversationId,
          questionMessageId: message.id,
          question: message.text,
          locale: socket.data.locale,
          humanAvailable: false,
          emit: toRoom,
        });
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
      const page = ZAuth.shape.page.safeParse(payload);
      if (page.success && page.data) void recordPage(sessionId, page.data).catch(() => undefined);
    });

    socket.on("typing", () => {
      // Visitor typing reaches operators with the live-chat console; nothing to store.
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
        await endVisitorSession(sessionId);
        toRoom("conversation:status", { status: "closed", operator: null });
        if (typeof ack === "function") ack({ ok: true, data: null });
        widget.in(room(conversationId)).disconnectSockets(true);
      } catch (error) {
        fail(ack, error);
      }
    });
  });
}
