import { createSecret, hashSecret } from "../auth/one-time-token";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TPageInfo } from "../widget/protocol";

/**
 * Widget visitors. The browser holds a random 256-bit session token; the database keeps
 * only its SHA-256 (a leaked table does not let anyone resume a visitor's chat). A token is
 * valid for one bot, until the visitor ends the session.
 */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Session tokens are one-time-token secrets (32 random bytes, base64url; SHA-256 stored). */
export const hashSessionToken = hashSecret;

export type TWidgetBot = { id: string; workspaceId: string; publicId: string; name: string; widgetSettings: unknown; modelSettings: unknown; embeddingProvider: string; embeddingModel: string; embeddingDimensions: number; workspace: { plan: string; allowedDomains: string[] } };

const WIDGET_BOT_SELECT = {
  id: true, workspaceId: true, publicId: true, name: true, widgetSettings: true, modelSettings: true,
  embeddingProvider: true, embeddingModel: true, embeddingDimensions: true,
  workspace: { select: { plan: true, allowedDomains: true, extraSeats: true, brandingAddon: true } },
} as const;

export async function findWidgetBot(publicId: string): Promise<TWidgetBot | null> {
  if (!/^bot_[A-Za-z0-9_-]{6,40}$/.test(publicId)) return null;
  return db().bot.findUnique({ where: { publicId }, select: WIDGET_BOT_SELECT });
}

/** The same bot by its internal id, within one workspace (REST API). */
export async function findWorkspaceBot(workspaceId: string, botId: string): Promise<TWidgetBot | null> {
  return db().bot.findFirst({ where: { id: botId, workspaceId }, select: WIDGET_BOT_SELECT });
}

export type TResolvedSession = {
  token: string;
  sessionId: string;
  conversation: { id: string; status: "bot" | "queued" | "assigned" | "closed"; language: string | null };
  resumed: boolean;
};

/**
 * The visitor's session and open conversation for `token`, or a new session (and token)
 * when the token is absent, unknown, ended or belongs to another bot.
 */
export async function resolveVisitorSession(
  bot: TWidgetBot,
  input: { token?: string; locale?: string; page?: TPageInfo; userAgent?: string },
): Promise<TResolvedSession> {
  const page = input.page ? { url: input.page.url.slice(0, 2000), title: input.page.title.slice(0, 300), referrer: input.page.referrer.slice(0, 2000) } : undefined;
  if (input.token && SESSION_TOKEN_PATTERN.test(input.token)) {
    const session = await db().visitorSession.findUnique({ where: { tokenHash: hashSessionToken(input.token) } });
    if (session && session.botId === bot.id && !session.endedAt) {
      await db().visitorSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(), ...(page ? { lastPage: page } : {}) } });
      const conversation = await openConversation(bot, session.id, input.locale);
      return { token: input.token, sessionId: session.id, conversation, resumed: true };
    }
  }
  const token = createSecret(32);
  const session = await db().visitorSession.create({
    data: {
      workspaceId: bot.workspaceId, botId: bot.id, tokenHash: hashSessionToken(token),
      locale: input.locale?.slice(0, 35) ?? null, userAgent: input.userAgent?.slice(0, 300) ?? null, ...(page ? { lastPage: page } : {}),
    },
  });
  const conversation = await openConversation(bot, session.id, input.locale);
  return { token, sessionId: session.id, conversation, resumed: false };
}

async function openConversation(bot: TWidgetBot, visitorSessionId: string, locale?: string) {
  const select = { id: true, status: true, language: true } as const;
  const existing = await db().conversation.findFirst({
    where: { visitorSessionId, status: { not: "closed" } },
    orderBy: { createdAt: "desc" },
    select,
  });
  if (existing) return existing;
  return db().conversation.create({
    data: { workspaceId: bot.workspaceId, botId: bot.id, visitorSessionId, language: locale?.slice(0, 2).toLowerCase() ?? null },
    select,
  });
}

/** The close icon: the session ends and its open conversation is closed. */
export async function endVisitorSession(sessionId: string) {
  const now = new Date();
  await db().$transaction([
    db().visitorSession.update({ where: { id: sessionId }, data: { endedAt: now } }),
    db().conversation.updateMany({ where: { visitorSessionId: sessionId, status: { not: "closed" } }, data: { status: "closed", closedAt: now } }),
  ]);
}

const ZEmail = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

export async function updateVisitor(sessionId: string, input: { name?: unknown; email?: unknown }) {
  const data: { name?: string; email?: string } = {};
  if (typeof input.name === "string") data.name = input.name.trim().slice(0, 100);
  if (typeof input.email === "string") {
    const email = input.email.trim().toLowerCase();
    if (email && !ZEmail.test(email)) throw new AppError("validation_failed", "Invalid email address.", { details: { field: "email" } });
    data.email = email.slice(0, 320);
  }
  await db().visitorSession.update({ where: { id: sessionId }, data });
}

export async function recordPage(sessionId: string, page: TPageInfo) {
  await db().visitorSession.update({
    where: { id: sessionId },
    data: { lastSeenAt: new Date(), lastPage: { url: page.url.slice(0, 2000), title: page.title.slice(0, 300), referrer: page.referrer.slice(0, 2000) } },
  });
}
