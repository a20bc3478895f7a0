import { db } from "../db/client";
import { operatorAvatarUrl } from "../operators/avatar-url";
import { operatorDisplayName } from "../operators/display-name";
import type { TOperatorSummary } from "./protocol";

/** Every member of the workspace as the console's colleague list shows them (transfer targets). */
export async function listOperatorSummaries(workspaceId: string): Promise<TOperatorSummary[]> {
  const [members, load] = await Promise.all([
    db().membership.findMany({
      where: { workspaceId },
      orderBy: { createdAt: "asc" },
      select: {
        userId: true,
        user: {
          select: {
            name: true, email: true,
            operatorProfiles: { where: { workspaceId }, select: { displayName: true, avatarFile: true, status: true, departments: { select: { departmentId: true } } } },
          },
        },
      },
    }),
    db().conversation.groupBy({ by: ["assignedUserId"], where: { workspaceId, status: "assigned" }, _count: { _all: true } }),
  ]);
  const active = new Map(load.map((row) => [row.assignedUserId, row._count._all]));
  return members.map((m) => {
    const profile = m.user.operatorProfiles[0] ?? null;
    return {
      userId: m.userId,
      name: operatorDisplayName(profile, m.user),
      avatarUrl: operatorAvatarUrl(profile?.avatarFile),
      status: profile?.status ?? "offline",
      activeChats: active.get(m.userId) ?? 0,
      departmentIds: profile?.departments.map((d) => d.departmentId) ?? [],
    };
  });
}
