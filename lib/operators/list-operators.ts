import { db } from "../db/client";
import type { TRole } from "../validation/common";
import type { TWorkspaceContext } from "../workspaces/types";
import { operatorAvatarUrl } from "./avatar-url";
import { operatorDisplayName } from "./display-name";

export type TOperatorSummary = {
  userId: string;
  email: string;
  accountName: string | null;
  role: TRole;
  /** The profile's own display name (null = the account name is shown). */
  displayName: string | null;
  /** What visitors see. */
  name: string;
  avatarUrl: string | null;
  signature: string | null;
  maxChats: number;
  sendTranscripts: boolean;
  status: "online" | "away" | "offline";
  lastSeenAt: Date | null;
  departments: { id: string; name: string }[];
  hasProfile: boolean;
};

const PROFILE_DEFAULTS = { displayName: null, avatarFile: null, signature: null, maxChats: 5, sendTranscripts: false, status: "offline" as const, lastSeenAt: null };

/**
 * Every member (all roles can answer chats) with their operator profile. Members without
 * a profile yet show the defaults the profile will be created with.
 */
export async function listOperators(ctx: Pick<TWorkspaceContext, "workspaceId">, options: { userId?: string } = {}): Promise<TOperatorSummary[]> {
  const [memberships, profiles] = await Promise.all([
    db().membership.findMany({
      where: { workspaceId: ctx.workspaceId, ...(options.userId ? { userId: options.userId } : {}) },
      select: { userId: true, role: true, user: { select: { name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db().operatorProfile.findMany({
      where: { workspaceId: ctx.workspaceId, ...(options.userId ? { userId: options.userId } : {}) },
      include: { departments: { select: { department: { select: { id: true, name: true } } } } },
    }),
  ]);
  const byUser = new Map(profiles.map((p) => [p.userId, p]));
  return memberships.map((m) => {
    const profile = byUser.get(m.userId);
    const p = profile ?? PROFILE_DEFAULTS;
    return {
      userId: m.userId,
      email: m.user.email,
      accountName: m.user.name,
      role: m.role,
      displayName: p.displayName,
      name: operatorDisplayName(p, m.user),
      avatarUrl: operatorAvatarUrl(p.avatarFile),
      signature: p.signature,
      maxChats: p.maxChats,
      sendTranscripts: p.sendTranscripts,
      status: p.status,
      lastSeenAt: p.lastSeenAt,
      departments: (profile?.departments ?? []).map((d) => d.department).sort((a, b) => a.name.localeCompare(b.name)),
      hasProfile: Boolean(profile),
    };
  });
}
