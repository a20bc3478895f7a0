import { db } from "../db/client";
import { log } from "../log/logger";
import { emitToOperators, opsRoom } from "../realtime/broadcast";
import type { TLiveVisitor } from "./protocol";
import { presenceStore } from "./visitor-presence";

/** The console's live visitor list: presence entries plus the state of their conversations (read fresh, tenant-scoped). */
export async function liveVisitors(workspaceId: string): Promise<TLiveVisitor[]> {
  const store = presenceStore();
  const entries = await store.list(workspaceId);
  const links = await store.linkedConversations(entries.filter((e) => !e.conversationId).map((e) => e.visitorKey));
  const conversationIds = [...new Set(entries.map((e) => e.conversationId ?? links.get(e.visitorKey)).filter((id): id is string => Boolean(id)))];
  const conversations = conversationIds.length
    ? await db().conversation.findMany({ where: { id: { in: conversationIds }, workspaceId }, select: { id: true, status: true } })
    : [];
  const status = new Map(conversations.map((c) => [c.id, c.status]));
  return entries.map(({ expiresAt: _expiresAt, ...entry }) => {
    const conversationId = entry.conversationId ?? links.get(entry.visitorKey) ?? null;
    const known = conversationId ? status.get(conversationId) : undefined;
    return { ...entry, conversationId: known ? conversationId : null, conversationStatus: known ?? null };
  });
}

const THROTTLE_MS = 2_000;
const timers: Map<string, { last: number; timer: NodeJS.Timeout | null }> = ((globalThis as { __chatwerkVisitorsThrottle?: Map<string, { last: number; timer: NodeJS.Timeout | null }> }).__chatwerkVisitorsThrottle ??= new Map());

async function emitVisitors(workspaceId: string) {
  try {
    emitToOperators(opsRoom(workspaceId))("visitors", { visitors: await liveVisitors(workspaceId) });
  } catch (error) {
    log.error("Visitor list failed", { workspaceId, error: String(error) });
  }
}

/** Sends the visitor list to the workspace's operators at most every 2 s per node (the last change always goes out). */
export function publishVisitors(workspaceId: string): void {
  const state = timers.get(workspaceId) ?? { last: 0, timer: null };
  timers.set(workspaceId, state);
  if (state.timer) return;
  const wait = state.last + THROTTLE_MS - Date.now();
  const run = () => {
    state.timer = null;
    state.last = Date.now();
    void emitVisitors(workspaceId);
  };
  if (wait <= 0) return run();
  state.timer = setTimeout(run, wait);
  state.timer.unref?.();
}
