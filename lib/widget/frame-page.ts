import { randomBytes } from "node:crypto";
import { asksForDepartment, widgetConfig } from "../bots/bot-settings";
import { findWidgetBot } from "../chat/visitor-session";
import { env } from "../config/env";
import { db } from "../db/client";
import { matchesAnyDomain } from "../net/domain-match";
import { isHumanAvailable } from "../live-chat/availability";
import { workspaceLimits } from "../plans/plans";

/**
 * The chat frame's HTML and the loader's config. A host page may frame the chat only when
 * its host matches one of the workspace's allowed widget domains ("shop.example" exactly,
 * "*.shop.example" with subdomains); an empty list allows every site, the default until
 * the owner sets domains.
 */
export function originAllowed(origin: string, allowedDomains: string[]): boolean {
  // Our own pages (the public site, /demo, the full-page chat) may always show the widget.
  if (origin === new URL(env().baseUrl).origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (url.origin !== origin) return false;
  if (allowedDomains.length === 0) return true;
  return matchesAnyDomain(url.hostname, allowedDomains);
}

/** Most a pre-chat form lists; a workspace has a handful. */
const DEPARTMENTS_MAX = 50;

/**
 * The workspace's departments (id and name only), for a pre-chat form that asks for one:
 * the config is fetched on every page view of every customer site, so other bots skip the query.
 */
async function widgetDepartments(bot: { workspaceId: string; widgetSettings: unknown }): Promise<{ id: string; name: string }[]> {
  if (!asksForDepartment(bot.widgetSettings)) return [];
  return db().department.findMany({ where: { workspaceId: bot.workspaceId }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: DEPARTMENTS_MAX });
}

export async function publicWidgetConfig(publicId: string) {
  const bot = await findWidgetBot(publicId);
  if (!bot) return null;
  const origin = new URL(env().baseUrl).origin;
  const showBranding = !workspaceLimits(bot.workspace).removeBranding;
  const [humanAvailable, departments] = await Promise.all([isHumanAvailable(bot.workspaceId), widgetDepartments(bot)]);
  return { bot, config: widgetConfig(bot, { origin, showBranding, humanAvailable, departments }) };
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

/**
 * `hostOrigin` null: the full-page chat (a direct link, e.g. from an email), which nobody
 * may frame. Otherwise the host page's origin, which must be allowed.
 */
export async function framePage(publicId: string, hostOrigin: string | null): Promise<Response> {
  const found = await publicWidgetConfig(publicId);
  if (!found) return new Response("Unknown bot", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (hostOrigin !== null && !originAllowed(hostOrigin, found.bot.workspace.allowedDomains)) {
    return new Response("This site may not embed this chat. Add its domain in the workspace settings.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8", "content-security-policy": "frame-ancestors 'none'" },
    });
  }
  const nonce = randomBytes(16).toString("base64");
  const lang = found.config.defaultLocale;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${found.config.title.replace(/[<>&"]/g, "")}</title></head>
<body><div id="app"></div>
<script type="application/json" id="chatwerk-config">${escapeJson(found.config)}</script>
<script src="/widget/frame.js" nonce="${nonce}" defer></script></body></html>`;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${hostOrigin ?? "'none'"}`,
  ].join("; ");
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": csp,
      "cache-control": "no-store",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-content-type-options": "nosniff",
    },
  });
}
