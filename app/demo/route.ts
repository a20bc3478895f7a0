import { randomBytes } from "node:crypto";
import { env } from "@/lib/config/env";
import { demoBotPublicId } from "@/lib/workspaces/seed-demo";

export const dynamic = "force-dynamic";

/**
 * /demo: a plain page of a fictional customer that embeds the widget with nothing but the
 * snippet, the way any third-party site would (no Next.js, no app styles).
 */
export async function GET() {
  const botId = await demoBotPublicId();
  const base = env().baseUrl.replace(/\/$/, "");
  const nonce = randomBytes(16).toString("base64");
  const snippet = botId ? `<script src="${base}/widget.js" data-bot="${botId}" async></script>` : "";
  const escaped = snippet.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = botId
    ? `<p>Diese Seite ist eine gewöhnliche HTML-Seite, wie sie auf jeder Website stehen könnte. Unten rechts sitzt der Chat-Button: Fragen Sie den Bot etwas über Chatwerk – er antwortet aus unseren FAQ und nennt seine Quellen.</p>
<p lang="en"><em>This is a plain HTML page like any website. Use the chat button at the bottom right: the bot answers questions about Chatwerk from our FAQ and cites its sources.</em></p>
<h2>So wird er eingebunden</h2><pre><code>${escaped}</code></pre>`
    : `<p>Die Demo ist nicht eingerichtet: Der Server wurde ohne Demo-Arbeitsbereich gestartet (SEED_DEMO=false).</p>`;
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Widget-Demo – Chatwerk</title><meta name="robots" content="noindex">
<style nonce="${nonce}">body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;margin:0;background:#f8fafc}
main{max-width:42rem;margin:0 auto;padding:3rem 1.25rem}h1{font-size:1.9rem;line-height:1.2;margin:0 0 1rem}h2{font-size:1.15rem;margin-top:2rem}
pre{background:#0f172a;color:#e2e8f0;padding:1rem;border-radius:.6rem;overflow-x:auto;font-size:.85rem}a{color:#1d4ed8}.tag{display:inline-block;background:#e0e7ff;color:#3730a3;border-radius:999px;padding:.1rem .6rem;font-size:.8rem;margin-bottom:.75rem}</style></head>
<body><main><span class="tag">Beispiel-Website</span><h1>Willkommen bei der Widget-Demo</h1>${body}
<p><a href="${base}/">Zurück zu Chatwerk</a></p></main>${botId ? `<script src="${base}/widget.js" data-bot="${botId}" async nonce="${nonce}"></script>` : ""}</body></html>`;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "frame-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": csp, "cache-control": "no-store" } });
}
