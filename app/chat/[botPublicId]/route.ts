import { framePage } from "@/lib/widget/frame-page";

export const dynamic = "force-dynamic";

/** The chat frame the loader embeds (`?origin={host page origin}`), or without `origin` the full-page chat. */
export async function GET(req: Request, { params }: { params: Promise<{ botPublicId: string }> }) {
  const { botPublicId } = await params;
  return framePage(botPublicId, new URL(req.url).searchParams.get("origin"));
}
