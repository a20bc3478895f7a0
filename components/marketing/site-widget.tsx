import { headers } from "next/headers";
import { demoBotPublicId } from "@/lib/workspaces/seed-demo";

/**
 * Our own public site runs the widget with the demo bot (answers from our FAQ), loaded
 * exactly like a customer's site would load it. Nothing when there is no demo workspace.
 */
export async function SiteWidget() {
  const botId = await demoBotPublicId().catch(() => null);
  if (!botId) return null;
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return <script src="/widget.js" data-bot={botId} async nonce={nonce} />;
}
