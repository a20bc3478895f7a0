import { db } from "../db/client";
import { ensureOperatorProfile } from "../operators/ensure-operator-profile";
import { forgetHumanAvailability } from "./availability";
import { offerWaitingConversations, withdrawOffers } from "./offer-conversation";
import type { TOperatorCtx } from "./operator-context";
import type { TOperatorStatus } from "./protocol";
import { publishOperators } from "./publish";

/**
 * Operator status lives in the database (OperatorProfile.status), so every node and the
 * widget's `humanAvailable` see the same. Going online offers waiting chats; going away or
 * offline hands chats offered to this operator to someone else (assigned chats stay).
 */
export async function setOperatorStatus(op: Pick<TOperatorCtx, "workspaceId" | "userId">, status: TOperatorStatus, options: { onlyIf?: TOperatorStatus[]; lastSeenAt?: Date } = {}): Promise<boolean> {
  const now = new Date();
  const { count } = await db().operatorProfile.updateMany({
    where: { workspaceId: op.workspaceId, userId: op.userId, ...(options.onlyIf ? { status: { in: options.onlyIf } } : {}), ...(options.lastSeenAt ? { lastSeenAt: options.lastSeenAt } : {}) },
    data: { status, statusChangedAt: now, ...(status === "online" ? { lastSeenAt: now } : {}) },
  });
  if (!count) return false;
  forgetHumanAvailability(op.workspaceId);
  await publishOperators(op.workspaceId);
  if (status === "online") await offerWaitingConversations(op.workspaceId);
  else await withdrawOffers(op.workspaceId, op.userId);
  return true;
}

/** A console connected: the profile exists, and an offline operator becomes online (away stays away). */
export async function operatorConnected(op: Pick<TOperatorCtx, "workspaceId" | "userId">) {
  await ensureOperatorProfile(op.workspaceId, op.userId);
  await db().operatorProfile.updateMany({ where: { workspaceId: op.workspaceId, userId: op.userId }, data: { lastSeenAt: new Date() } });
  await setOperatorStatus(op, "online", { onlyIf: ["offline"] });
  return db().operatorProfile.findUniqueOrThrow({
    where: { workspaceId_userId: { workspaceId: op.workspaceId, userId: op.userId } },
    select: { status: true, departments: { select: { departmentId: true } } },
  });
}

/** Activity at the console (any event): postpones the automatic away. */
export async function touchOperator(op: Pick<TOperatorCtx, "workspaceId" | "userId">) {
  await db().operatorProfile.updateMany({ where: { workspaceId: op.workspaceId, userId: op.userId }, data: { lastSeenAt: new Date() } });
}
