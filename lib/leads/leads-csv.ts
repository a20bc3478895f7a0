import { toCsv } from "../csv/csv";
import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";
import { LEAD_ORDER, LEAD_SELECT, leadCursor, leadsWhere, toLeadRow, type TLeadFilters, type TLeadRow } from "./list-leads";

/** CSV export of the leads a filter selects (lib/csv: RFC 4180, BOM, formula-safe cells). */
export const CSV_COLUMNS = ["created", "source", "bot", "name", "email", "phone", "message"] as const;

/** Rows fetched per query while building the file; the export stops at EXPORT_MAX_ROWS. */
const BATCH = 1000;
export const EXPORT_MAX_ROWS = 100_000;


const STANDARD_KEYS = new Set(["name", "email", "phone", "message"]);

export function leadsToCsv(leads: TLeadRow[]): string {
  const customKeys = [...new Set(leads.flatMap((l) => Object.keys(l.fields)).filter((k) => !STANDARD_KEYS.has(k)))].sort();
  const rows = leads.map((l) => [
    l.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    l.source,
    l.botName,
    l.name,
    l.email,
    l.phone,
    l.message,
    ...customKeys.map((k) => l.fields[k]),
  ]);
  return toCsv([[...CSV_COLUMNS, ...customKeys], ...rows]);
}

export async function leadsCsv(ctx: Pick<TWorkspaceContext, "workspaceId">, filters: TLeadFilters = {}): Promise<string> {
  const leads: TLeadRow[] = [];
  let cursor: string | undefined;
  while (leads.length < EXPORT_MAX_ROWS) {
    const batch = await db().lead.findMany({
      where: leadsWhere(ctx, { ...filters, cursor }),
      orderBy: LEAD_ORDER,
      take: Math.min(BATCH, EXPORT_MAX_ROWS - leads.length),
      select: LEAD_SELECT,
    });
    leads.push(...batch.map(toLeadRow));
    if (batch.length < BATCH) break;
    cursor = leadCursor(batch[batch.length - 1]!);
  }
  return leadsToCsv(leads);
}
