import { readAvatar } from "@/lib/operators/read-avatar";

export const dynamic = "force-dynamic";

/**
 * Operator avatars. Public on purpose: the widget shows the operator's picture to
 * visitors, who have no session. What keeps this safe: the id is 128 random bits and
 * changes with every upload (a replaced or removed avatar is 404), only images re-encoded
 * by lib/operators/process-avatar-image.ts are stored, and the response can neither be
 * sniffed into another type nor run anything. Cacheable for long: an id never changes content.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const avatar = await readAvatar(id);
  if (!avatar) {
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(new Uint8Array(avatar.bytes), {
    headers: {
      "content-type": avatar.contentType,
      "content-length": String(avatar.bytes.byteLength),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "cross-origin",
      "content-disposition": "inline",
    },
  });
}
