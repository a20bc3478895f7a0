import { z } from "zod";
import { db, type Prisma } from "../db/client";
import { blankToUndefined, boundary, keysetCursor, readCursor, ZBoundary, ZCursor } from "../lists/keyset";
import type { TWorkspaceContext } from "../workspaces/types";
import { workspaceAccountKey } from "./accounts";
import type { TEntryKind } from "./post-entry";

/**
 * A workspace's ledger entries, newest first, as its statement: each amount signed from the
 * workspace's side (+ credit, − debit) with the balance after it. Keyset-paginated by
 * (createdAt, id) like the leads: the cursor carries the last row's values, never an id to look
 * up, so a cursor taken from another workspace selects nothing of it. The tenant is always
 * part of the where clause.
 */
export const LEDGER_KINDS = [
  "top_up",
  "refund",
  "dispute",
  "dispute_reinstated",
  "usage",
  "plan",
  "plan_credit",
  "addon",
  "adjustment",
] as const satisfies readonly TEntryKind[];

export const LEDGER_PAGE_SIZE = 50;
export const LEDGER_MAX_PAGE_SIZE = 100;

const ZKinds = z.preprocess(
  (v) => {
    const value = blankToUndefined(v);
    if (typeof value === "string") return value.split(",").map((k) => k.trim()).filter(Boolean);
    return value;
  },
  z.array(z.enum(LEDGER_KINDS, { message: `Unknown kind; use one of ${LEDGER_KINDS.join(", ")}` })).max(LEDGER_KINDS.length).optional(),
);

export const ZLedgerFilters = z
  .object({
    /** One kind or several, comma-separated ("top_up,refund"). */
    kind: ZKinds,
    /** Inclusive; a day means from its start (UTC). */
    from: ZBoundary,
    /** Inclusive; a day means up to its end (UTC). */
    to: ZBoundary,
    cursor: ZCursor,
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(LEDGER_MAX_PAGE_SIZE).optional()),
  })
  .strict()
  .superRefine((f, issue) => {
    if (f.from && f.to && boundary(f.from, false).getTime() > boundary(f.to, true).getTime()) {
      issue.addIssue({ code: "custom", path: ["from"], message: "from must not be after to" });
    }
  });
export type TLedgerFilters = z.input<typeof ZLedgerFilters>;

export type TLedgerRow = {
  id: string;
  kind: TEntryKind;
  /** Signed from the workspace's side: positive credits the balance, negative debits it. */
  amountCents: number;
  balanceAfterCents: number | null;
  description: string;
  /** What the entry refers to (plan and period, model, payment ids…); never another workspace's data. */
  reference: Record<string, unknown>;
  createdAt: Date;
};

type TParsed = z.output<typeof ZLedgerFilters>;

/** The tenant-scoped where clause shared by the list, the REST API and the CSV export. */
export function ledgerWhere(ctx: Pick<TWorkspaceContext, "workspaceId">, f: TParsed): Prisma.LedgerEntryWhereInput {
  const and: Prisma.LedgerEntryWhereInput[] = [];
  if (f.from || f.to) and.push({ createdAt: { ...(f.from ? { gte: boundary(f.from, false) } : {}), ...(f.to ? { lte: boundary(f.to, true) } : {}) } });
  if (f.cursor) {
    const { at, id } = readCursor(f.cursor);
    and.push({ OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] });
  }
  return {
    workspaceId: ctx.workspaceId,
    ...(f.kind?.length ? { kind: { in: f.kind } } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

export const LEDGER_ORDER: Prisma.LedgerEntryOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export const LEDGER_SELECT = {
  id: true,
  kind: true,
  amountCents: true,
  balanceAfterCents: true,
  description: true,
  reference: true,
  creditAccountId: true,
  createdAt: true,
} as const;

export const ledgerCursor = (entry: { createdAt: Date; id: string }) => keysetCursor(entry.createdAt, entry.id);

/** The workspace's own ledger account id (null before its first entry). */
export async function workspaceAccountId(workspaceId: string): Promise<string | null> {
  const account = await db().ledgerAccount.findUnique({ where: { key: workspaceAccountKey(workspaceId) }, select: { id: true } });
  return account?.id ?? null;
}

export function toLedgerRow(entry: Prisma.LedgerEntryGetPayload<{ select: typeof LEDGER_SELECT }>, accountId: string): TLedgerRow {
  const credit = entry.creditAccountId === accountId;
  const reference = entry.reference && typeof entry.reference === "object" && !Array.isArray(entry.reference) ? (entry.reference as Record<string, unknown>) : {};
  return {
    id: entry.id,
    kind: entry.kind as TEntryKind,
    amountCents: credit ? entry.amountCents : -entry.amountCents,
    balanceAfterCents: entry.balanceAfterCents === null ? null : Number(entry.balanceAfterCents),
    description: entry.description,
    reference,
    createdAt: entry.createdAt,
  };
}

export type TLedgerPage = { entries: TLedgerRow[]; nextCursor: string | null; total: number };

/** One page of the statement; filters that do not parse throw a ZodError (400 at the API). */
export async function listLedgerEntries(ctx: Pick<TWorkspaceContext, "workspaceId">, raw: TLedgerFilters = {}): Promise<TLedgerPage> {
  const filters = ZLedgerFilters.parse(raw);
  const accountId = await workspaceAccountId(ctx.workspaceId);
  if (!accountId) return { entries: [], nextCursor: null, total: 0 };
  const limit = filters.limit ?? LEDGER_PAGE_SIZE;
  const [rows, total] = await Promise.all([
    db().ledgerEntry.findMany({ where: ledgerWhere(ctx, filters), orderBy: LEDGER_ORDER, take: limit + 1, select: LEDGER_SELECT }),
    db().ledgerEntry.count({ where: ledgerWhere(ctx, { ...filters, cursor: undefined }) }),
  ]);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((e) => toLedgerRow(e, accountId)),
    nextCursor: rows.length > limit ? ledgerCursor(page[page.length - 1]!) : null,
    total,
  };
}
