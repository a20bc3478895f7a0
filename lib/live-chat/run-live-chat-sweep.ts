import { db } from "../db/client";
import { log } from "../log/logger";
import { connectedOperators, emitToOperators, operatorRoom, realtimeServer } from "../realtime/broadcast";
import { moveUnansweredOffers, offerWaitingConversations, withdrawOffers } from "./offer-conversation";
import { reassignAbsentOperatorsChats } from "./reassign-absent";
import { publishVisitors } from "./live-visitors";
import { returnTimedOutConversations } from "./return-to-bot";
import { setOperatorStatus } from "./set-operator-status";
import { readLiveChatSettings } from "./settings";
import { presenceStore } from "./visitor-presence";

/** An operator marked online whose sockets are all gone for this long is set offline (a node died). */
const GHOST_GRACE_MS = 60_000;

/**
 * The periodic live-chat check (server/realtime.ts runs it on every node): queue timeouts back
 * to the bot, offers to operators who went away, offers nobody answered in offerTimeoutSeconds,
 * waiting chats offered to whoever is free, automatic away after autoAwayMinutes without
 * activity, operators left "online" by a dead node, chats of operators offline for
 * reassignAfterMinutes, and visitors whose beacon stopped. Every change is a conditional update, so several
 * nodes sweeping at once change (and announce) each thing once.
 */
export async function runLiveChatSweep(now = new Date()) {
  const returned = await returnTimedOutConversations(now);

  const staleOffers = await db().conversation.findMany({
    where: { status: "queued", offeredToUserId: { not: null } },
    select: { workspaceId: true, offeredToUserId: true },
    distinct: ["workspaceId", "offeredToUserId"],
  });
  for (const offer of staleOffers) {
    const profile = await db().operatorProfile.findFirst({ where: { workspaceId: offer.workspaceId, userId: offer.offeredToUserId! }, select: { status: true } });
    if (profile?.status !== "online") await withdrawOffers(offer.workspaceId, offer.offeredToUserId!);
  }

  const offersMoved = await moveUnansweredOffers(now);

  const waiting = await db().conversation.findMany({ where: { status: "queued", offeredToUserId: null }, select: { workspaceId: true }, distinct: ["workspaceId"] });
  for (const { workspaceId } of waiting) await offerWaitingConversations(workspaceId);

  const online = await db().operatorProfile.findMany({
    where: { status: "online" },
    select: { workspaceId: true, userId: true, lastSeenAt: true, workspace: { select: { liveChatSettings: true } } },
  });
  let away = 0;
  for (const p of online) {
    const idleMs = readLiveChatSettings(p.workspace.liveChatSettings).autoAwayMinutes * 60_000;
    if (!p.lastSeenAt || p.lastSeenAt.getTime() + idleMs > now.getTime()) continue;
    // Conditional on no activity since the read: a busy operator is never set away by a slow sweep.
    if (await setOperatorStatus(p, "away", { onlyIf: ["online"], lastSeenAt: p.lastSeenAt })) {
      away++;
      emitToOperators(operatorRoom(p.userId, p.workspaceId))("notice", { kind: "auto_away", conversationId: null, text: "You were set to away after a while without activity." });
    }
  }

  let ghosts = 0;
  if (realtimeServer()) {
    const connected = new Set((await connectedOperators()).map((s) => `${s.userId}:${s.workspaceId}`));
    const present = await db().operatorProfile.findMany({
      where: { status: { not: "offline" }, statusChangedAt: { lt: new Date(now.getTime() - GHOST_GRACE_MS) } },
      select: { workspaceId: true, userId: true },
    });
    for (const p of present) {
      if (connected.has(`${p.userId}:${p.workspaceId}`)) continue;
      if (await setOperatorStatus(p, "offline", { onlyIf: ["online", "away"] })) ghosts++;
    }
  }

  const reassigned = await reassignAbsentOperatorsChats(now);

  const changed = await presenceStore().expire(now.getTime());
  for (const workspaceId of changed) publishVisitors(workspaceId);
  if (returned.length || offersMoved || away || ghosts || reassigned.length) {
    log.info("Live-chat sweep", { returnedToBot: returned.length, offersMoved, autoAway: away, offlineWithoutSocket: ghosts, reassigned: reassigned.length });
  }
  return { returnedToBot: returned, offersMoved, autoAway: away, offlineWithoutSocket: ghosts, reassigned };
}
