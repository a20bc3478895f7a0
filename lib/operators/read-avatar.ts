import { db } from "../db/client";
import { readAvatarFile } from "./avatar-storage";
import { AVATAR_ID_RE } from "./avatar-url";

/** The current avatar with this id (a replaced or removed one is gone), or null. */
export async function readAvatar(avatarId: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!AVATAR_ID_RE.test(avatarId)) return null;
  const profile = await db().operatorProfile.findFirst({
    where: { avatarFile: { in: [`${avatarId}.webp`, `${avatarId}.png`, `${avatarId}.jpg`] } },
    select: { avatarFile: true },
  });
  return profile?.avatarFile ? readAvatarFile(profile.avatarFile) : null;
}
