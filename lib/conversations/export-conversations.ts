import { db, type Prisma } from "../db/client";
import { AppError } from "../errors/app-error";
import { toCsv } from "../csv/csv";
import { operatorIdentities } from "../live-chat/operator-identity";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { CONVERSATION_ORDER, conversationCursor, conversationsWhere, type TConversationFilters } from "./list-conversations";

/**
 * Transcripts as a download (admins and owners: a bulk export of visitors' personal data is
 * their decision). JSON nests messages in conversations; CSV has one row per message, RFC
 * 4180 with formula-looking cells escaped (csvCell). Internal notes are included and marked:
 * the export is for the team.
 */
export const EXPORT_FORMATS = ["json", "csv"] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_MAX_CONVERSATIONS = 10_000;
const BATCH = 200;

export const CONVERSATIONS_CSV_COLUMNS = [
  "conversation_id", "started", "status", "bot", "department", "operator", "visitor_name", "visitor_email", "tags", "rating", "rating_comment",
  "message_time", "role", "author", "internal", "text",
] as const;

const EXPORT_SELECT = {
  id: true, status: true, tags: true, rating: true, ratingComment: true, createdAt: true, lastMessageAt: true, closedAt: true, assignedUserId: true, language: true,
  bot: { select: { name: true } },
  department: { select: { name: true } },
  visitorSession: { select: { name: true, email: true, locale: true, fields: true } },
  messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { role: true, text: true, internal: true, authorUserId: true, createdAt: true } },
} satisfies Prisma.ConversationSelect;
type TExportRow = Prisma.ConversationGetPayload<{ select: typeof EXPORT_SELECT }>;

export type TExportedConversation = {
  id: string;
  status: string;
  bot: string;
  department: string | null;
  operator: string | null;
  language: string | null;
  visitor: { name: string | null; email: string | null; locale: string | null; fields: unknown };
  tags: string[];
  rating: number | null;
  ratingComment: string | null;
  createdAt: string;
  lastMessageAt: string;
  closedAt: string | null;
  messages: { at: string; role: string; author: string | null; internal: boolean; text: string }[];
};

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

async function loadConversations(ctx: Pick<TWorkspaceContext, "workspaceId">, selection: { conversationId?: string; filters?: TConversationFilters }): Promise<TExportedConversation[]> {
  const rows: TExportRow[] = [];
  if (selection.conversationId !== undefined) {
    const one = await db().conversation.findFirst({ where: { id: String(selection.conversationId), workspaceId: ctx.workspaceId }, select: EXPORT_SELECT });
    if (!one) throw new AppError("not_found", "Conversation not found.");
    rows.push(one);
  } else {
    let cursor: string | undefined;
    while (rows.length < EXPORT_MAX_CONVERSATIONS) {
      const batch = await db().conversation.findMany({
        where: conversationsWhere(ctx, { ...selection.filters, cursor }),
        orderBy: CONVERSATION_ORDER,
        take: Math.min(BATCH, EXPORT_MAX_CONVERSATIONS - rows.length),
        select: EXPORT_SELECT,
      });
      rows.push(...batch);
      if (batch.length < BATCH) break;
      cursor = conversationCursor(batch[batch.length - 1]!);
    }
  }
  const userIds = rows.flatMap((c) => [c.assignedUserId, ...c.messages.map((m) => m.authorUserId)]).filter((id): id is string => Boolean(id));
  const names = await operatorIdentities(ctx.workspaceId, userIds);
  const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
  return rows.map((c) => ({
    id: c.id,
    status: c.status,
    bot: c.bot.name,
    department: c.department?.name ?? null,
    operator: nameOf(c.assignedUserId),
    language: c.language,
    visitor: c.visitorSession,
    tags: c.tags,
    rating: c.rating,
    ratingComment: c.ratingComment,
    createdAt: iso(c.createdAt),
    lastMessageAt: iso(c.lastMessageAt),
    closedAt: c.closedAt ? iso(c.closedAt) : null,
    messages: c.messages.map((m) => ({ at: iso(m.createdAt), role: m.role, author: nameOf(m.authorUserId), internal: m.internal, text: m.text })),
  }));
}

export function conversationsToCsv(conversations: TExportedConversation[]): string {
  const rows = conversations.flatMap((c) => {
    const head = [c.id, c.createdAt, c.status, c.bot, c.department, c.operator, c.visitor.name, c.visitor.email, c.tags.join(" "), c.rating?.toString(), c.ratingComment];
    if (!c.messages.length) return [[...head, "", "", "", "", ""]];
    return c.messages.map((m) => [...head, m.at, m.role, m.author, m.internal ? "yes" : "no", m.text]);
  });
  return toCsv([[...CONVERSATIONS_CSV_COLUMNS], ...rows]);
}

export async function exportConversations(
  ctx: TWorkspaceContext,
  input: { format: TExportFormat; conversationId?: string; filters?: TConversationFilters },
): Promise<{ body: string; contentType: string; extension: string }> {
  requireRole(ctx, ["admin"]);
  const conversations = await loadConversations(ctx, input);
  if (input.format === "csv") return { body: conversationsToCsv(conversations), contentType: "text/csv; charset=utf-8", extension: "csv" };
  return { body: JSON.stringify({ exportedAt: iso(new Date()), conversations }, null, 2), contentType: "application/json; charset=utf-8", extension: "json" };
}
