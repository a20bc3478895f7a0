/**
 * Avatars are public by address: the widget shows the operator's picture to visitors, who
 * have no session. The address carries a random 128-bit id and changes with every upload.
 */
export const AVATAR_ID_RE = /^[A-Za-z0-9_-]{22}$/;

export function avatarIdOf(avatarFile: string): string {
  return avatarFile.replace(/\.[a-z]+$/, "");
}

/** Path of an operator's avatar (`/api/avatars/{id}`), or null without one. */
export function operatorAvatarUrl(avatarFile: string | null | undefined, baseUrl = ""): string | null {
  return avatarFile ? `${baseUrl}/api/avatars/${avatarIdOf(avatarFile)}` : null;
}
