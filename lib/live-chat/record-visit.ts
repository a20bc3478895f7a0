import { db } from "../db/client";
import type { TPageInfo } from "../widget/protocol";
import { LIVE_CHAT_LIMITS } from "./protocol";
import { externalReferrer, searchPhraseOf } from "./search-phrase";

type TVisitedPage = { url: string; title: string; at: string };

/**
 * A page view of a visitor who has a session (they interacted, ARCHITECTURE 12): the
 * current page, the capped list of pages visited (newest last; a reload of the same page is
 * not a new entry) and, the first time another site sent them, referrer and search phrase.
 */
export async function recordVisit(visitorSessionId: string, raw: TPageInfo, options: { referrer?: string | null } = {}): Promise<void> {
  const page = { url: raw.url.slice(0, 2000), title: raw.title.slice(0, 300), referrer: raw.referrer.slice(0, 2000) };
  const referrer = options.referrer !== undefined ? options.referrer : externalReferrer(page);
  await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ pages: unknown; referrer: string | null }[]>`SELECT pages, referrer FROM visitor_sessions WHERE id = ${visitorSessionId} FOR UPDATE`;
    const row = rows[0];
    if (!row) return;
    const pages = (Array.isArray(row.pages) ? (row.pages as TVisitedPage[]) : []).filter((p) => p && typeof p.url === "string");
    if (pages[pages.length - 1]?.url !== page.url) pages.push({ url: page.url, title: page.title, at: new Date().toISOString() });
    await tx.visitorSession.update({
      where: { id: visitorSessionId },
      data: {
        lastPage: page,
        lastSeenAt: new Date(),
        pages: pages.slice(-LIVE_CHAT_LIMITS.visitorPagesMax),
        ...(!row.referrer && referrer ? { referrer, searchPhrase: searchPhraseOf(referrer) } : {}),
      },
    });
  });
}
