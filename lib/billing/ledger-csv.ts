import { db } from "../db/client";
import { csvCell } from "../csv/csv";
import type { TWorkspaceContext } from "../workspaces/types";
import { LEDGER_ORDER, LEDGER_SELECT, ledgerCursor, ledgerWhere, toLedgerRow, workspaceAccountId, ZLedgerFilters, type TLedgerFilters, type TLedgerRow } from "./list-ledger-entries";

/**
 * The statement a ledger filter selects as CSV (RFC 4180: comma, CRLF, quotes doubled),
 * UTF-8 with a byte-order mark for Excel. Text cells go through the leads export's escaping
 * (a cell a spreadsheet would run as a formula gets a leading apostrophe: descriptions carry
 * admin reasons and model names). Amounts are numbers we format ourselves ("-0.35"): they stay
 * numbers, which is why they skip that escaping.
 */
export const LEDGER_CSV_COLUMNS = ["created_at", "kind", "description", "amount_eur", "balance_after_eur", "currency", "entry_id"] as const;

const BATCH = 1000;
export const LEDGER_EXPORT_MAX_ROWS = 100_000;

/** Cents as a plain decimal with a dot ("-12.05"): never a formula, never quoted. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function ledgerToCsv(entries: TLedgerRow[]): string {
  const lines = entries.map((e) =>
    [
      csvCell(e.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z")),
      csvCell(e.kind),
      csvCell(e.description),
      centsToDecimal(e.amountCents),
      e.balanceAfterCents === null ? "" : centsToDecimal(e.balanceAfterCents),
      "EUR",
      csvCell(e.id),
    ].join(","),
  );
  return `\uFEFF${[LEDGER_CSV_COLUMNS.join(","), ...lines].join("\r\n")}\r\n`;
}

export async function ledgerCsv(ctx: Pick<TWorkspaceContext, "workspaceId">, raw: Omit<TLedgerFilters, "cursor" | "limit"> = {}): Promise<string> {
  const filters = ZLedgerFilters.parse({ ...raw, cursor: undefined, limit: undefined });
  const accountId = await workspaceAccountId(ctx.workspaceId);
  const entries: TLedgerRow[] = [];
  let cursor: string | undefined;
  while (accountId && entries.length < LEDGER_EXPORT_MAX_ROWS) {
    const batch = await db().ledgerEntry.findMany({
      where: ledgerWhere(ctx, { ...filters, cursor }),
      orderBy: LEDGER_ORDER,
      take: Math.min(BATCH, LEDGER_EXPORT_MAX_ROWS - entries.length),
      select: LEDGER_SELECT,
    });
    entries.push(...batch.map((e) => toLedgerRow(e, accountId)));
    if (batch.length < BATCH) break;
    cursor = ledgerCursor(batch[batch.length - 1]!);
  }
  return ledgerToCsv(entries);
}
