import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { blankToUndefined, boundary, keysetCursor, readCursor, ZBoundary, ZCursor } from "../lists/keyset";
import { operatorIdentities } from "../live-chat/operator-identity";
import type { TWorkspaceContext } from "../workspaces/types";

/**
 * The workspace's conversations for the transcript list, most recent activity first. Pages
 * are keyset-paginated by (lastMessageAt, id) as in leads: the cursor carries the last row's
 * values, so a cursor from another workspace reveals nothing.
 */
export const CONVERSATIONS_PAGE_SIZE = 50;
export const CONVERSATION_STATUSES = ["bot", "queued", "assigned", "closed"] as const;
/** "rated", "unrated" or an exact number of stars. */
export const RATING_FILTERS = ["rated", "unrated", "1", "2", "3", "4", "5"] as const;

const ZId = z.preprocess(blankToUndefined, z.string().max(64).optional());

export const ZConversationFilters = z.object({
  /** Visitor name or email, or any message's text. */
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  status: z.preprocess(blankToUndefined, z.enum(CONVERSATION_STATUSES).optional()),
  botId: ZId,
  departmentId: ZId,
  /** The operator the conversation is assigned to (or was, when it closed). */
  operatorId: ZId,
  rating: z.preprocess(blankToUndefined, z.enum(RATING_FILTERS).optional()),
  tag: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
  /** Conversations active in the range: started before its end, last message after its start. */
  from: ZBoundary,
  to: ZBoundary,
  cursor: ZCursor,
});
export type TConversationFilters = z.input<typeof ZConversationFilters>;
export const CONVERSATION_FILTER_KEYS = ["q", "status", "botId", "departmentId", "operatorId", "rating", "tag", "from", "to"] as const;

function ratingWhere(rating: (typeof RATING_FILTERS)[number]): Prisma.ConversationWhereInput {
  if (rating === "rated") return { rating: { not: null } };
  if (rating === "unrated") return { rating: null };
  return { rating: Number(rating) };
}

/** The tenant-scoped where clause shared by the list and the exports. */
export function conversationsWhere(ctx: Pick<TWorkspaceContext, "workspaceId">, raw: TConversationFilters): Prisma.ConversationWhereInput {
  const f = ZConversationFilters.parse(raw);
  const and: Prisma.ConversationWhereInput[] = [];
  if (f.q) {
    const contains = { contains: f.q, mode: "insensitive" as const };
    and.push({ OR: [{ visitorSession: { name: contains } }, { visitorSession: { email: contains } }, { messages: { some: { text: contains } } }] });
  }
  if (f.rating) and.push(ratingWhere(f.rating));
  if (f.from) and.push({ lastMessageAt: { gte: boundary(f.from, false) } });
  if (f.to) and.push({ createdAt: { lte: boundary(f.to, true) } });
  if (f.cursor) {
    const { at, id } = readCursor(f.cursor);
    and.push({ OR: [{ lastMessageAt: { lt: at } }, { lastMessageAt: at, id: { lt: id } }] });
  }
  return {
    workspaceId: ctx.workspaceId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.botId ? { botId: f.botId } : {}),
    ...(f.departmentId ? { departmentId: f.departmentId } : {}),
    ...(f.operatorId ? { assignedUserId: f.operatorId } : {}),
    ...(f.tag ? { tags: { has: f.tag } } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

export const CONVERSATION_ORDER: Prisma.ConversationOrderByWithRelationInput[] = [{ lastMessageAt: "desc" }, { id: "desc" }];

const LIST_SELECT = {
  id: true,
  status: true,
  botId: true,
  assignedUserId: true,
  tags: true,
  rating: true,
  ratingComment: true,
  messageCount: true,
  createdAt: true,
  lastMessageAt: true,
  closedAt: true,
  bot: { select: { name: true } },
  department: { select: { name: true } },
  visitorSession: { select: { name: true, email: true } },
  // The visitor's first words, as the list's preview.
  messages: { where: { role: "visitor" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1, select: { text: true } },
} satisfies Prisma.ConversationSelect;

export const conversationCursor = (c: { lastMessageAt: Date; id: string }) => keysetCursor(c.lastMessageAt, c.id);

export type TConversationRow = {
  id: string;
  status: (typeof CONVERSATION_STATUSES)[number];
  botName: string;
  departmentName: string | null;
  operatorName: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  preview: string | null;
  tags: string[];
  rating: number | null;
  ratingComment: string | null;
  messageCount: number;
  createdAt: Date;
  lastMessageAt: Date;
  closedAt: Date | null;
};

export async function listConversations(ctx: Pick<TWorkspaceContext, "workspaceId">, filters: TConversationFilters = {}) {
  const { cursor: _cursor, ...withoutCursor } = filters;
  const [rows, total] = await Promise.all([
    db().conversation.findMany({ where: conversationsWhere(ctx, filters), orderBy: CONVERSATION_ORDER, take: CONVERSATIONS_PAGE_SIZE + 1, select: LIST_SELECT }),
    db().conversation.count({ where: conversationsWhere(ctx, withoutCursor) }),
  ]);
  const page = rows.slice(0, CONVERSATIONS_PAGE_SIZE);
  const names = await operatorIdentities(ctx.workspaceId, page.flatMap((c) => (c.assignedUserId ? [c.assignedUserId] : [])));
  const conversations: TConversationRow[] = page.map((c) => ({
    id: c.id,
    status: c.status,
    botName: c.bot.name,
    departmentName: c.department?.name ?? null,
    operatorName: c.assignedUserId ? (names.get(c.assignedUserId)?.name ?? null) : null,
    visitorName: c.visitorSession.name,
    visitorEmail: c.visitorSession.email,
    preview: c.messages[0]?.text.slice(0, 200) ?? null,
    tags: c.tags,
    rating: c.rating,
    ratingComment: c.ratingComment,
    messageCount: c.messageCount,
    createdAt: c.createdAt,
    lastMessageAt: c.lastMessageAt,
    closedAt: c.closedAt,
  }));
  return { conversations, nextCursor: rows.length > CONVERSATIONS_PAGE_SIZE ? conversationCursor(page[page.length - 1]!) : null, total };
}
