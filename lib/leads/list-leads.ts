import { z } from "zod";
import { readWidgetSettings } from "../bots/bot-settings";
import { db, type Prisma } from "../db/client";
import { blankToUndefined, boundary, keysetCursor, readCursor, ZBoundary, ZCursor } from "../lists/keyset";
import type { TWorkspaceContext } from "../workspaces/types";
import { LEAD_SOURCES } from "./validate-lead";

/**
 * The workspace's leads, newest first. Pages are keyset-paginated by (createdAt, id): the
 * cursor carries the last row's values, so it never looks up a row by id and a cursor from
 * another workspace reveals nothing.
 */
export const LEADS_PAGE_SIZE = 50;


export const ZLeadFilters = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  source: z.preprocess(blankToUndefined, z.enum(LEAD_SOURCES).optional()),
  botId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  /** Inclusive; a day ("2025-01-31") means from its start (UTC). */
  from: ZBoundary,
  /** Inclusive; a day means up to its end (UTC). */
  to: ZBoundary,
  cursor: ZCursor,
});
export type TLeadFilters = z.input<typeof ZLeadFilters>;

/** The tenant-scoped where clause shared by the list and the CSV export. */
export function leadsWhere(ctx: Pick<TWorkspaceContext, "workspaceId">, raw: TLeadFilters): Prisma.LeadWhereInput {
  const f = ZLeadFilters.parse(raw);
  const and: Prisma.LeadWhereInput[] = [];
  if (f.q) {
    const contains = { contains: f.q, mode: "insensitive" as const };
    and.push({ OR: [{ name: contains }, { email: contains }, { phone: contains }, { message: contains }] });
  }
  if (f.from || f.to) and.push({ createdAt: { ...(f.from ? { gte: boundary(f.from, false) } : {}), ...(f.to ? { lte: boundary(f.to, true) } : {}) } });
  if (f.cursor) {
    const { at, id } = readCursor(f.cursor);
    and.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] });
  }
  return {
    workspaceId: ctx.workspaceId,
    ...(f.source ? { source: f.source } : {}),
    ...(f.botId ? { botId: f.botId } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

export const LEAD_ORDER: Prisma.LeadOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export const LEAD_SELECT = {
  id: true,
  source: true,
  name: true,
  email: true,
  phone: true,
  message: true,
  fields: true,
  createdAt: true,
  botId: true,
  conversationId: true,
  bot: { select: { name: true } },
} as const;

export const leadCursor = (lead: { createdAt: Date; id: string }) => keysetCursor(lead.createdAt, lead.id);

export type TLeadRow = {
  id: string;
  source: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  fields: Record<string, string>;
  createdAt: Date;
  botId: string | null;
  botName: string | null;
  conversationId: string | null;
};

export function toLeadRow(lead: Prisma.LeadGetPayload<{ select: typeof LEAD_SELECT }>): TLeadRow {
  const { bot, fields, ...rest } = lead;
  return { ...rest, botName: bot?.name ?? null, fields: readFields(fields) };
}

function readFields(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function listLeads(ctx: Pick<TWorkspaceContext, "workspaceId">, filters: TLeadFilters = {}) {
  const { cursor: _cursor, ...withoutCursor } = filters;
  const [rows, total] = await Promise.all([
    db().lead.findMany({ where: leadsWhere(ctx, filters), orderBy: LEAD_ORDER, take: LEADS_PAGE_SIZE + 1, select: LEAD_SELECT }),
    db().lead.count({ where: leadsWhere(ctx, withoutCursor) }),
  ]);
  const page = rows.slice(0, LEADS_PAGE_SIZE);
  return {
    leads: page.map(toLeadRow),
    nextCursor: rows.length > LEADS_PAGE_SIZE ? leadCursor(page[page.length - 1]!) : null,
    total,
  };
}

/** The workspace's bots with their pre-chat field labels, for the filter and the detail view. */
export async function listLeadBots(ctx: Pick<TWorkspaceContext, "workspaceId">) {
  const bots = await db().bot.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, widgetSettings: true } });
  return bots.map((bot) => ({
    id: bot.id,
    name: bot.name,
    fieldLabels: Object.fromEntries(readWidgetSettings(bot.widgetSettings).preChat.fields.map((f) => [f.key, f.label])),
  }));
}
