import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../config/env";
import { AVATAR_ID_RE } from "./avatar-url";

export const AVATAR_CONTENT_TYPES = { webp: "image/webp", png: "image/png", jpg: "image/jpeg" } as const;
export type TAvatarExt = keyof typeof AVATAR_CONTENT_TYPES;

export function avatarDir(): string {
  return path.join(env().dataDir, "avatars");
}

/** Writes the bytes under a fresh random name (atomically) and returns the file name. */
export async function writeAvatarFile(bytes: Uint8Array, ext: TAvatarExt): Promise<string> {
  const dir = avatarDir();
  await mkdir(dir, { recursive: true });
  const file = `${randomBytes(16).toString("base64url")}.${ext}`;
  const tmp = path.join(dir, `.${file}.tmp`);
  await writeFile(tmp, bytes, { mode: 0o640 });
  await rename(tmp, path.join(dir, file));
  return file;
}

/** Only names this module wrote (random id + known extension) ever reach the file system. */
function safePath(file: string): string | null {
  const match = /^([A-Za-z0-9_-]+)\.(webp|png|jpg)$/.exec(file);
  if (!match?.[1] || !AVATAR_ID_RE.test(match[1])) return null;
  return path.join(avatarDir(), file);
}

export async function deleteAvatarFile(file: string | null | undefined): Promise<void> {
  const full = file ? safePath(file) : null;
  if (full) await rm(full, { force: true });
}

export async function readAvatarFile(file: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const full = safePath(file);
  if (!full) return null;
  const ext = path.extname(full).slice(1) as TAvatarExt;
  try {
    return { bytes: await readFile(full), contentType: AVATAR_CONTENT_TYPES[ext] };
  } catch {
    return null;
  }
}
