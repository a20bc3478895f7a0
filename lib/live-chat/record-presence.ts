import { z } from "zod";
import { hashSessionToken, SESSION_TOKEN_PATTERN, type TWidgetBot } from "../chat/visitor-session";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { WIDGET_LIMITS } from "../widget/protocol";
import { isHumanAvailable } from "./availability";
import { publishVisitors } from "./live-visitors";
import { LIVE_CHAT_LIMITS, VISITOR_KEY_PATTERN, type TPresenceReply } from "./protocol";
import { recordVisit } from "./record-visit";
import { externalReferrer, searchPhraseOf } from "./search-phrase";
import { pendingKey, presenceStore } from "./visitor-presence";

export const ZPresenceBeacon = z.object({
  visitorKey: z.string().regex(VISITOR_KEY_PATTERN, "visitorKey: 16–64 letters, digits, - or _"),
  mode: z.enum(["widget", "track"]),
  page: z.object({
    url: z.string().max(WIDGET_LIMITS.pageUrlMaxChars),
    title: z.string().max(WIDGET_LIMITS.pageTitleMaxChars),
    referrer: z.string().max(WIDGET_LIMITS.referrerMaxChars),
  }),
  locale: z.string().max(WIDGET_LIMITS.localeMaxChars).optional(),
  hasSession: z.boolean().optional(),
});

/**
 * One beat of the loader's presence beacon (`POST /api/widget/{botPublicId}/presence`):
 * refreshes the in-memory (or Redis) presence entry, hands over an invitation waiting for
 * this page load, and says whether a human can be reached. Only when the visitor already has
 * a session (they interacted; `X-Session-Id`) is anything written to the database: the
 * page joins their visited pages, the first external referrer and its search phrase are kept.
 */
export async function recordPresence(bot: TWidgetBot, raw: unknown, options: { sessionToken?: string | null } = {}): Promise<TPresenceReply> {
  const beacon = ZPresenceBeacon.parse(raw);
  const store = presenceStore();
  const now = new Date();
  const previous = await store.get(bot.workspaceId, beacon.visitorKey);
  if (previous && previous.botId !== bot.id) throw new AppError("conflict", "This visitor key belongs to another chat.");
  const referrer = previous ? previous.referrer : externalReferrer(beacon.page);
  let conversationId = previous?.conversationId ?? null;

  const session = options.sessionToken && SESSION_TOKEN_PATTERN.test(options.sessionToken)
    ? await db().visitorSession.findUnique({ where: { tokenHash: hashSessionToken(options.sessionToken) }, select: { id: true, botId: true, endedAt: true } })
    : null;
  if (session && session.botId === bot.id && !session.endedAt) {
    await recordVisit(session.id, beacon.page, { referrer });
    const open = await db().conversation.findFirst({ where: { visitorSessionId: session.id, workspaceId: bot.workspaceId, status: { not: "closed" } }, orderBy: { createdAt: "desc" }, select: { id: true } });
    conversationId = open?.id ?? conversationId;
  }

  await store.upsert(bot.workspaceId, {
    visitorKey: beacon.visitorKey,
    botId: bot.id,
    botName: bot.name,
    mode: beacon.mode,
    page: beacon.page,
    pageSince: previous && previous.page.url === beacon.page.url ? previous.pageSince : now.toISOString(),
    firstSeenAt: previous?.firstSeenAt ?? now.toISOString(),
    referrer,
    searchPhrase: searchPhraseOf(referrer),
    locale: beacon.locale ?? previous?.locale ?? null,
    conversationId,
    conversationStatus: null,
    expiresAt: now.getTime() + LIVE_CHAT_LIMITS.presenceTtlSeconds * 1000,
  });
  const [invitation, humanAvailable] = await Promise.all([store.takePendingInvitation(pendingKey(bot.workspaceId, beacon.visitorKey)), isHumanAvailable(bot.workspaceId)]);
  if (!previous || previous.page.url !== beacon.page.url || previous.conversationId !== conversationId) publishVisitors(bot.workspaceId);
  return { nextBeatSeconds: LIVE_CHAT_LIMITS.presenceBeatSeconds, humanAvailable, invitation };
}

