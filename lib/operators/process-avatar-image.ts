import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../errors/app-error";
import { log } from "../log/logger";
import type { TAvatarExt } from "./avatar-storage";

export const MAX_AVATAR_BYTES = 1_000_000;
export const AVATAR_SIZE = 256;

const ALLOWED = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" } as const satisfies Record<string, TAvatarExt>;

/**
 * Checks an upload by its bytes (not its name or declared type) and re-encodes it as a
 * square WebP: that drops metadata (EXIF location) and anything appended to the image.
 * sharp comes with Next.js; where it cannot load, the checked original is kept.
 */
export async function processAvatarImage(bytes: Uint8Array): Promise<{ bytes: Uint8Array; ext: TAvatarExt }> {
  if (bytes.byteLength === 0) throw new AppError("bad_request", "The file is empty.", { details: { field: "file" } });
  if (bytes.byteLength > MAX_AVATAR_BYTES) {
    throw new AppError("payload_too_large", "The image is larger than 1 MB.", { details: { field: "file" } });
  }
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const ext = sniffed ? ALLOWED[sniffed.mime as keyof typeof ALLOWED] : undefined;
  if (!ext) {
    throw new AppError("unsupported_media_type", "Upload a PNG, JPEG or WebP image.", { details: { field: "file", reason: sniffed?.ext ?? "unknown" } });
  }
  let sharp: typeof import("sharp").default;
  try {
    sharp = (await import("sharp")).default;
  } catch (error) {
    log.warn("sharp unavailable, storing the avatar as uploaded", { error: String(error) });
    return { bytes, ext };
  }
  try {
    const out = await sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover" })
      .webp({ quality: 85 })
      .toBuffer();
    return { bytes: new Uint8Array(out), ext: "webp" };
  } catch {
    throw new AppError("unsupported_media_type", "The image could not be read. Upload another PNG, JPEG or WebP file.", { details: { field: "file", reason: "corrupt" } });
  }
}
