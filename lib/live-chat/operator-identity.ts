import { db } from "../db/client";
import { operatorAvatarUrl } from "../operators/avatar-url";
import { operatorDisplayName } from "../operators/display-name";

export type TOperatorIdentity = { userId: string; name: string; avatarUrl: string | null };

/** Names and avatars of operators as visitors and colleagues see them, for one workspace. */
export async function operatorIdentities(workspaceId: string, userIds: string[]): Promise<Map<string, TOperatorIdentity>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  const users = await db().user.findMany({
    // Ids come from this workspace's own rows; former members keep their name in old chats.
    where: { id: { in: ids } },
    select: { id: true, name: true, email: true, operatorProfiles: { where: { workspaceId }, select: { displayName: true, avatarFile: true } } },
  });
  return new Map(
    users.map((u) => {
      const profile = u.operatorProfiles[0] ?? null;
      return [u.id, { userId: u.id, name: operatorDisplayName(profile, u), avatarUrl: operatorAvatarUrl(profile?.avatarFile) }];
    }),
  );
}

export async function operatorIdentity(workspaceId: string, userId: string): Promise<TOperatorIdentity | null> {
  return (await operatorIdentities(workspaceId, [userId])).get(userId) ?? null;
}
