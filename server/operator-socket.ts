import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { db } from "../lib/db/client";
import { isAppError } from "../lib/errors/app-error";
import { toErrorBody } from "../lib/errors/to-response";
import { acceptConversation } from "../lib/live-chat/accept-conversation";
import type { TOperatorSession } from "../lib/live-chat/authenticate-operator";
import { closeConversation } from "../lib/live-chat/close-conversation";
import { declineConversation } from "../lib/live-chat/decline-conversation";
import { findConversation } from "../lib/live-chat/find-conversation";
import { inviteVisitor } from "../lib/live-chat/invitations";
import { listCannedResponses } from "../lib/live-chat/list-canned-responses";
import { listQueue } from "../lib/live-chat/list-queue";
import { liveVisitors } from "../lib/live-chat/live-visitors";
import { openConversation } from "../lib/live-chat/open-conversation";
import { isSupervisor, type TOperatorCtx } from "../lib/live-chat/operator-context";
import { operatorIdentity } from "../lib/live-chat/operator-identity";
import type { TOperatorClientEvents, TOperatorServerEvents } from "../lib/live-chat/protocol";
import { publishOperators } from "../lib/live-chat/publish";
import { sendOperatorMessage } from "../lib/live-chat/send-operator-message";
import { operatorConnected, setOperatorStatus, touchOperator } from "../lib/live-chat/set-operator-status";
import { suggestReply } from "../lib/live-chat/suggest-reply";
import { transferConversation } from "../lib/live-chat/transfer-conversation";
import { log } from "../lib/log/logger";
import { consumeRateLimit } from "../lib/rate-limit/rate-limit";
import { conversationRoom, countOperatorSockets, emitToWidget, operatorConversationRoom, operatorRoom, opsRoom } from "../lib/realtime/broadcast";
import type { TAck } from "../lib/widget/protocol";
import { operatorAuth } from "./socket-auth";
import { stripNulFromPackets } from "../lib/validation/without-nul";

/**
 * The /operator namespace (docs/protocol.md): one socket per console tab, authenticated by a
 * short-lived console token and scoped to the token's workspace. Every event validates its
 * payload with zod and acts through a lib/live-chat service that looks ids up inside the
 * socket's workspace only (another workspace's id is `not_found`, nothing changes). Services
 * emit after their transaction committed, through lib/realtime/broadcast.ts.
 */
type TData = TOperatorSession & { lastActivityAt: number };
type TOperatorSocket = Socket<TOperatorClientEvents, TOperatorServerEvents, Record<string, never>, TData>;

export type TOperatorNamespaceOptions = {
  /** How long an operator whose last console tab closed stays online (a reload reconnects within it). */
  offlineGraceMs?: number;
};

const ACTIVITY_WRITE_MS = 30_000;
/** Typing relays per socket and second; more are dropped (each costs a lookup). */
const TYPING_PER_SECOND = 5;
const ZId = z.string().min(1).max(64);
const ZConversationRef = z.object({ conversationId: ZId });

function fail(ack: unknown, error: unknown): void {
  if (typeof ack !== "function") return;
  const { body } = toErrorBody(error);
  const retryAfterSeconds = isAppError(error) ? error.retryAfterSeconds : undefined;
  (ack as (r: TAck<never>) => void)({ ok: false, error: { ...body.error, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });
}

export function attachOperatorNamespace(nsp: Namespace, options: TOperatorNamespaceOptions = {}) {
  const offlineGraceMs = options.offlineGraceMs ?? 10_000;
  const graceTimers = new Set<NodeJS.Timeout>();
  nsp.use(operatorAuth);

  nsp.on("connection", (raw) => {
    const socket = raw as TOperatorSocket;
    stripNulFromPackets(socket);
    const session = socket.data;
    const op: TOperatorCtx = { workspaceId: session.workspaceId, userId: session.userId, role: session.role };
    const myRoom = operatorRoom(op.userId, op.workspaceId);
    void socket.join([opsRoom(op.workspaceId), myRoom]);

    const activity = () => {
      if (Date.now() - socket.data.lastActivityAt < ACTIVITY_WRITE_MS) return;
      socket.data.lastActivityAt = Date.now();
      void touchOperator(op).catch((error: unknown) => log.error("Recording operator activity failed", { error: String(error) }));
    };

    const limitKey = `${op.workspaceId}:${op.userId}`;
    let typingWindow = { second: 0, count: 0 };

    /** One acked event: rate-limited per operator, validated, scoped to the socket's workspace, errors as the REST body. */
    function on<S extends z.ZodType, R>(event: keyof TOperatorClientEvents, schema: S, run: (input: z.output<S>) => Promise<R>) {
      (socket as unknown as Socket).on(event, async (payload: unknown, ack: unknown) => {
        try {
          await consumeRateLimit("operatorEvent", limitKey);
          if (event === "message:send") await consumeRateLimit("operatorMessage", limitKey);
          activity();
          const data = await run(schema.parse(payload ?? {}));
          if (typeof ack === "function") (ack as (r: TAck<R>) => void)({ ok: true, data });
        } catch (error) {
          fail(ack, error);
        }
      });
    }

    on("status:set", z.object({ status: z.enum(["online", "away", "offline"]) }), async ({ status }) => {
      await setOperatorStatus(op, status);
      return { status };
    });

    on("activity", z.object({}).passthrough(), async () => null);

    on("conversation:open", z.object({ conversationId: ZId, since: ZId.optional() }), async ({ conversationId, since }) => {
      const opened = await openConversation(op.workspaceId, conversationId, since);
      await socket.join(operatorConversationRoom(conversationId));
      return opened;
    });

    on("conversation:accept", ZConversationRef, async ({ conversationId }) => {
      const conversation = await acceptConversation(op, conversationId);
      // Every tab of this operator follows the chat (visitor typing, page changes).
      nsp.in(myRoom).socketsJoin(operatorConversationRoom(conversationId));
      return { conversation };
    });

    on("conversation:decline", ZConversationRef, async ({ conversationId }) => {
      await declineConversation(op, conversationId);
      return null;
    });

    on("message:send", z.unknown(), async (payload) => {
      const { message, command } = await sendOperatorMessage(op, payload);
      return { message, ...(command ? { command } : {}) };
    });

    on("conversation:transfer", z.unknown(), async (payload) => {
      const conversation = await transferConversation(op, payload);
      if (conversation.assignedTo) nsp.in(operatorRoom(conversation.assignedTo.userId, op.workspaceId)).socketsJoin(operatorConversationRoom(conversation.id));
      return { conversation };
    });

    on("conversation:close", z.unknown(), async (payload) => ({ conversation: await closeConversation(op, payload) }));

    on("visitor:invite", z.unknown(), (payload) => inviteVisitor(op, payload));

    on("canned:list", z.unknown(), async (payload) => ({ responses: await listCannedResponses(op, payload) }));

    on("reply:suggest", ZConversationRef, ({ conversationId }) => suggestReply(op, conversationId));

    (socket as unknown as Socket).on("typing", async (payload: unknown) => {
      const second = Math.floor(Date.now() / 1000);
      typingWindow = typingWindow.second === second ? { second, count: typingWindow.count + 1 } : { second, count: 1 };
      if (typingWindow.count > TYPING_PER_SECOND) return;
      const input = z.object({ conversationId: ZId, active: z.boolean() }).safeParse(payload);
      if (!input.success) return;
      activity();
      try {
        const conversation = await findConversation(op.workspaceId, input.data.conversationId);
        socket.to(operatorConversationRoom(conversation.id)).emit("typing", { conversationId: conversation.id, from: "operator", active: input.data.active, userId: op.userId });
        if (conversation.status === "assigned" && (conversation.assignedUserId === op.userId || isSupervisor(op))) {
          emitToWidget(conversationRoom(conversation.id))("typing", { from: "operator", active: input.data.active });
        }
      } catch {
        // A foreign or unknown conversation: nothing to relay.
      }
    });

    socket.on("disconnect", () => {
      const timer = setTimeout(() => {
        graceTimers.delete(timer);
        void (async () => {
          if ((await countOperatorSockets(myRoom)) > 0) return;
          await setOperatorStatus(op, "offline", { onlyIf: ["online", "away"] });
        })().catch((error: unknown) => log.error("Operator disconnect handling failed", { error: String(error) }));
      }, offlineGraceMs);
      timer.unref?.();
      graceTimers.add(timer);
    });

    void (async () => {
      const profile = await operatorConnected(op);
      const me = await operatorIdentity(op.workspaceId, op.userId);
      const mine = await db().conversation.findMany({ where: { workspaceId: op.workspaceId, status: "assigned", assignedUserId: op.userId }, select: { id: true } });
      if (mine.length) await socket.join(mine.map((c) => operatorConversationRoom(c.id)));
      socket.emit("ready", {
        me: { userId: op.userId, name: me?.name ?? "", role: op.role, status: profile.status, departmentIds: profile.departments.map((d) => d.departmentId) },
        workspace: { id: session.workspace.id, slug: session.workspace.slug, name: session.workspace.name },
      });
      socket.emit("queue", { conversations: await listQueue(op.workspaceId) });
      socket.emit("visitors", { visitors: await liveVisitors(op.workspaceId) });
      await publishOperators(op.workspaceId);
    })().catch((error: unknown) => {
      log.error("Operator connection setup failed", { error: String(error) });
      socket.disconnect(true);
    });
  });

  return {
    /** At shutdown: pending "went offline" checks are dropped (the sweep of a live node catches up). */
    dispose() {
      for (const timer of graceTimers) clearTimeout(timer);
      graceTimers.clear();
    },
  };
}
