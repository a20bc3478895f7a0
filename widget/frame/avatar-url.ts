/**
 * Operator avatars come from our own origin (`/api/avatars/{id}`); anything else is not
 * shown (the frame's CSP would refuse it anyway), and a name stands in for a missing picture.
 */
export function avatarSrc(url: string | null | undefined, origin: string): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url, origin);
    return (resolved.protocol === "https:" || resolved.protocol === "http:") && resolved.origin === origin ? resolved.href : null;
  } catch {
    return null;
  }
}

/** "Anna Berger" → "AB", "otto" → "O"; empty when the name has no letters or digits. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string | undefined) => (word ? (Array.from(word).find((char) => /[\p{L}\p{N}]/u.test(char)) ?? "") : "");
  return (letter(first) + letter(last)).toLocaleUpperCase();
}
