import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { isWithinBusinessHours, readBusinessHours } from "../departments/business-hours";
import { AppError } from "../errors/app-error";

/**
 * Who can take a chat right now. An operator counts when their status is online, they are
 * still a member, and (for a department) they belong to it and the department is within its
 * business hours. Without a department, an operator counts when they belong to no
 * department or at least one of theirs is open (so nobody's chats arrive after hours just
 * because someone forgot to go offline).
 */
export type TCandidate = { userId: string; maxChats: number; lastAssignedAt: Date | null; departmentIds: string[]; activeChats: number };

type TDb = TransactionClient;

async function onlineProfiles(client: TDb, workspaceId: string) {
  return client.operatorProfile.findMany({
    where: { workspaceId, status: "online", user: { memberships: { some: { workspaceId } } } },
    select: {
      userId: true, maxChats: true, lastAssignedAt: true,
      departments: { select: { department: { select: { id: true, businessHours: true } } } },
    },
  });
}

export async function candidateOperators(client: TDb, workspaceId: string, departmentId: string | null, now = new Date()): Promise<TCandidate[]> {
  const profiles = await onlineProfiles(client, workspaceId);
  const eligible = profiles.filter((p) => {
    const departments = p.departments.map((d) => d.department);
    if (departmentId) return departments.some((d) => d.id === departmentId && isWithinBusinessHours(readBusinessHours(d.businessHours), now));
    return departments.length === 0 || departments.some((d) => isWithinBusinessHours(readBusinessHours(d.businessHours), now));
  });
  if (!eligible.length) return [];
  const userIds = eligible.map((p) => p.userId);
  const [assigned, offered] = await Promise.all([
    client.conversation.groupBy({ by: ["assignedUserId"], where: { workspaceId, status: "assigned", assignedUserId: { in: userIds } }, _count: { _all: true } }),
    client.conversation.groupBy({ by: ["offeredToUserId"], where: { workspaceId, status: "queued", offeredToUserId: { in: userIds } }, _count: { _all: true } }),
  ]);
  const load = new Map<string, number>();
  for (const row of assigned) if (row.assignedUserId) load.set(row.assignedUserId, (load.get(row.assignedUserId) ?? 0) + row._count._all);
  for (const row of offered) if (row.offeredToUserId) load.set(row.offeredToUserId, (load.get(row.offeredToUserId) ?? 0) + row._count._all);
  return eligible.map((p) => ({
    userId: p.userId,
    maxChats: p.maxChats,
    lastAssignedAt: p.lastAssignedAt,
    departmentIds: p.departments.map((d) => d.department.id),
    activeChats: load.get(p.userId) ?? 0,
  }));
}

export type THumanAvailability = { available: boolean; offlineMessage: string | null; department: { id: string; name: string } | null };

/** Whether a handoff (to `departmentId`, or to anyone) can reach a human now. A foreign department id is not_found. */
export async function humanAvailability(workspaceId: string, departmentId: string | null, now = new Date()): Promise<THumanAvailability> {
  let department: { id: string; name: string; businessHours: unknown; offlineMessage: string | null } | null = null;
  if (departmentId) {
    department = await db().department.findFirst({ where: { id: departmentId, workspaceId }, select: { id: true, name: true, businessHours: true, offlineMessage: true } });
    if (!department) throw new AppError("not_found", "Department not found.");
  }
  const open = department ? isWithinBusinessHours(readBusinessHours(department.businessHours), now) : true;
  const candidates = open ? await candidateOperators(db(), workspaceId, department?.id ?? null, now) : [];
  return {
    available: candidates.length > 0,
    offlineMessage: department?.offlineMessage?.trim() || null,
    department: department ? { id: department.id, name: department.name } : null,
  };
}

const CACHE_MS = 5_000;
const cache: Map<string, { at: number; value: Promise<boolean> }> = ((globalThis as { __chatwerkHumanAvailable?: Map<string, { at: number; value: Promise<boolean> }> }).__chatwerkHumanAvailable ??= new Map());

/**
 * `humanAvailable` for the widget (presence beacon, bot prompts): some operator online and
 * within hours. Cached for a few seconds per workspace, because every visitor's beat asks.
 */
export function isHumanAvailable(workspaceId: string, options: { fresh?: boolean } = {}): Promise<boolean> {
  const hit = cache.get(workspaceId);
  if (!options.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = humanAvailability(workspaceId, null).then((a) => a.available).catch(() => false);
  cache.set(workspaceId, { at: Date.now(), value });
  return value;
}

/** Status changes make the cached answer stale at once on this node (others follow within seconds). */
export function forgetHumanAvailability(workspaceId: string) {
  cache.delete(workspaceId);
}
