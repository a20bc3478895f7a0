import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "@/lib/billing/accounts";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { centsToDecimal, LEDGER_CSV_COLUMNS, ledgerCsv } from "@/lib/billing/ledger-csv";
import { listLedgerEntries, type TLedgerFilters } from "@/lib/billing/list-ledger-entries";
import { CHECKOUT_EXPIRY_MS, listPayments } from "@/lib/billing/list-payments";
import { postEntry, type TEntryKind } from "@/lib/billing/post-entry";
import { db } from "@/lib/db/client";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The billing page's statement and payments, and the ledger CSV: signs from the workspace's
 * side, keyset pages, kind and date filters (bad ones refused), RFC 4180 with formula-safe
 * text, and workspace A never seeing workspace B's entries or payments.
 */
useTestDatabase();

const key = (label: string) => `${label}:${randomBytes(6).toString("hex")}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(workspaceId: string, kind: TEntryKind, amountCents: number, direction: "credit" | "debit", description = `${kind} entry`) {
  const customer = workspaceAccountKey(workspaceId);
  const platform = kind === "top_up" ? PLATFORM_ACCOUNTS.stripe : kind === "usage" ? PLATFORM_ACCOUNTS.usage : PLATFORM_ACCOUNTS.plans;
  return db().$transaction((tx) =>
    postEntry(tx, {
      idempotencyKey: key(kind),
      kind,
      debit: direction === "credit" ? platform : customer,
      credit: direction === "credit" ? customer : platform,
      amountCents,
      description,
      reference: kind === "usage" ? { model: "gpt-4o-mini" } : {},
    }),
  );
}

async function workspaceWithEntries(name: string) {
  const owner = await createOwnerWithWorkspace(name);
  const id = owner.workspace.id;
  await post(id, "top_up", 2500, "credit", "Top-up (Stripe)");
  await post(id, "usage", 35, "debit");
  await post(id, "usage", 12, "debit");
  await post(id, "plan", 2000, "debit", "Starter, 1 month");
  return owner;
}

describe("listLedgerEntries", () => {
  it("lists newest first with amounts signed from the workspace's side and the balance after each", async () => {
    const { workspace } = await workspaceWithEntries("Statement Shop");
    const page = await listLedgerEntries({ workspaceId: workspace.id });
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();
    expect(page.entries.map((e) => [e.kind, e.amountCents, e.balanceAfterCents])).toEqual([
      ["plan", -2000, 453],
      ["usage", -12, 2453],
      ["usage", -35, 2465],
      ["top_up", 2500, 2500],
    ]);
    expect(page.entries[1]!.reference).toEqual({ model: "gpt-4o-mini" });
  });

  it("pages with a cursor until every entry was seen exactly once", async () => {
    const { workspace } = await createOwnerWithWorkspace("Many Entries");
    await post(workspace.id, "top_up", 10_000, "credit");
    for (let i = 1; i <= 11; i++) await post(workspace.id, "usage", i, "debit");
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listLedgerEntries({ workspaceId: workspace.id }, { limit: 5, cursor });
      expect(page.total).toBe(12);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
    const all = await db().ledgerEntry.findMany({ where: { workspaceId: workspace.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("filters by one kind or several, and by day or timestamp", async () => {
    const { workspace } = await workspaceWithEntries("Filter Shop");
    const ctx = { workspaceId: workspace.id };
    expect((await listLedgerEntries(ctx, { kind: "usage" })).entries.map((e) => e.amountCents)).toEqual([-12, -35]);
    expect((await listLedgerEntries(ctx, { kind: "top_up,plan" })).entries.map((e) => e.kind)).toEqual(["plan", "top_up"]);
    expect((await listLedgerEntries(ctx, { kind: "refund" })).total).toBe(0);

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await listLedgerEntries(ctx, { from: today, to: today })).total).toBe(4);
    expect((await listLedgerEntries(ctx, { to: yesterday })).total).toBe(0);
    expect((await listLedgerEntries(ctx, { from: tomorrow })).total).toBe(0);

    await pause(20);
    const between = new Date().toISOString();
    await pause(20);
    await post(workspace.id, "top_up", 1000, "credit");
    expect((await listLedgerEntries(ctx, { from: between })).entries.map((e) => e.amountCents)).toEqual([1000]);
    expect((await listLedgerEntries(ctx, { to: between })).total).toBe(4);
  });

  it("refuses filters that do not parse instead of ignoring them", async () => {
    const { workspace } = await workspaceWithEntries("Strict Filters");
    const ctx = { workspaceId: workspace.id };
    const bad: TLedgerFilters[] = [
      { kind: "gift" },
      { kind: "usage,gift" },
      { from: "2026-02-30" },
      { from: "yesterday" },
      { to: "2026-13-01" },
      { from: "2026-03-02", to: "2026-03-01" },
      { cursor: "not-a-cursor" },
      { limit: 0 },
      { limit: 101 },
      { limit: "ten" as unknown as number },
      { kinds: "usage" } as unknown as TLedgerFilters,
    ];
    for (const filters of bad) await expectZodError(listLedgerEntries(ctx, filters));
    expect((await listLedgerEntries(ctx, { kind: "", from: "", to: "", cursor: "" })).total).toBe(4);
  });

  it("keeps workspaces apart: B's entries never show up for A, not even through B's cursor", async () => {
    const a = await workspaceWithEntries("Tenant A Ledger");
    const b = await workspaceWithEntries("Tenant B Ledger");
    for (let i = 0; i < 3; i++) await post(b.workspace.id, "usage", 1, "debit");
    const bIds = new Set((await db().ledgerEntry.findMany({ where: { workspaceId: b.workspace.id }, select: { id: true } })).map((e) => e.id));

    const aAll = await listLedgerEntries({ workspaceId: a.workspace.id }, { limit: 100 });
    expect(aAll.total).toBe(4);
    expect(aAll.entries.some((e) => bIds.has(e.id))).toBe(false);

    const bFirst = await listLedgerEntries({ workspaceId: b.workspace.id }, { limit: 2 });
    const throughB = await listLedgerEntries({ workspaceId: a.workspace.id }, { cursor: bFirst.nextCursor!, limit: 100 });
    expect(throughB.entries.every((e) => !bIds.has(e.id))).toBe(true);

    const csv = await ledgerCsv({ workspaceId: a.workspace.id });
    for (const id of bIds) expect(csv).not.toContain(id);
  });

  it("answers an empty statement for a workspace without any entry", async () => {
    const { workspace } = await createOwnerWithWorkspace("Fresh Shop");
    expect(await listLedgerEntries({ workspaceId: workspace.id })).toEqual({ entries: [], nextCursor: null, total: 0 });
  });
});

describe("ledger CSV", () => {
  it("writes RFC 4180 with a BOM, signed decimal amounts and formula-safe text", async () => {
    const { workspace, owner } = await workspaceWithEntries("CSV Shop");
    await adjustCredits({ workspaceId: workspace.id, actorId: owner.id }, { amountCents: 150, reason: '=HYPERLINK("http://evil.example","Gutschrift, bitte klicken")' });
    await adjustCredits({ workspaceId: workspace.id, actorId: owner.id }, { amountCents: -5, reason: "Korrektur\r\nzweite Zeile" });
    const csv = await ledgerCsv({ workspaceId: workspace.id });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(LEDGER_CSV_COLUMNS.join(","));
    // The two-line reason stays one quoted cell: 6 entries, header, trailing CRLF.
    expect(lines.filter((l) => /^\d{4}-\d{2}-\d{2}T/.test(l))).toHaveLength(6);
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""Gutschrift, bitte klicken"")",1.50,6.03,EUR,`);
    expect(csv).toContain(`,adjustment,"Korrektur\r\nzweite Zeile",-0.05,5.98,EUR,`);
    expect(csv).toMatch(/,top_up,Top-up \(Stripe\),25\.00,25\.00,EUR,/);
    expect(csv).toMatch(/,plan,"Starter, 1 month",-20\.00,4\.53,EUR,/);
  });

  it("exports only what the filters select", async () => {
    const { workspace } = await workspaceWithEntries("CSV Filter Shop");
    const csv = await ledgerCsv({ workspaceId: workspace.id }, { kind: "usage" });
    const rows = csv.slice(1).trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes(",usage,"))).toBe(true);
    await expectZodError(ledgerCsv({ workspaceId: workspace.id }, { kind: "nope" }));
  });

  it("formats cents as plain decimals", () => {
    expect([0, 5, -5, 100, -1234, 2_147_483_647].map(centsToDecimal)).toEqual(["0.00", "0.05", "-0.05", "1.00", "-12.34", "21474836.47"]);
  });
});

describe("listPayments", () => {
  it("shows the workspace's payments newest first, a stale pending one as abandoned, owners only", async () => {
    const a = await createOwnerWithWorkspace("Payments A");
    const b = await createOwnerWithWorkspace("Payments B");
    const old = new Date(Date.now() - CHECKOUT_EXPIRY_MS - 60_000);
    await db().payment.create({ data: { workspaceId: a.workspace.id, status: "pending", amountCents: 1000, createdAt: old } });
    await db().payment.create({ data: { workspaceId: a.workspace.id, status: "paid", amountCents: 2500, creditedCents: 2500, stripeInvoiceId: "in_test_1", paidAt: new Date(), createdAt: new Date(Date.now() - 1000) } });
    await db().payment.create({ data: { workspaceId: a.workspace.id, status: "pending", amountCents: 5000 } });
    await db().payment.create({ data: { workspaceId: b.workspace.id, status: "paid", amountCents: 9900 } });

    const rows = await listPayments(a.ctx);
    expect(rows.map((p) => [p.status, p.amountCents, p.hasInvoice])).toEqual([
      ["pending", 5000, false],
      ["paid", 2500, true],
      ["abandoned", 1000, false],
    ]);

    const { user } = await addMember(a.workspace.id, "admin", "billing-admin");
    await expectAppError(listPayments(await contextFor(user.id, a.workspace.slug)), "forbidden");
  });
});
