import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getBalanceRoute } from "@/app/api/v1/billing/balance/route";
import { GET as getLedgerRoute } from "@/app/api/v1/billing/ledger/route";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "@/lib/billing/accounts";
import { placeHold } from "@/lib/billing/holds";
import { postEntry, type TEntryKind } from "@/lib/billing/post-entry";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * GET /api/v1/billing/balance and /api/v1/billing/ledger through their route handlers: the
 * API key's workspace only, cents signed from its side, cursor pages, filters (400 when they
 * do not parse) and the usual 401s.
 */
useTestDatabase();

type TLedgerBody = {
  entries: { id: string; kind: string; amount: number; balanceAfter: number | null; description: string; reference: Record<string, unknown>; createdAt: string }[];
  nextCursor: string | null;
  total: number;
};

function post(workspaceId: string, kind: TEntryKind, amountCents: number, direction: "credit" | "debit") {
  const customer = workspaceAccountKey(workspaceId);
  const platform = kind === "top_up" ? PLATFORM_ACCOUNTS.stripe : PLATFORM_ACCOUNTS.usage;
  return db().$transaction((tx) =>
    postEntry(tx, {
      idempotencyKey: `${kind}:${randomBytes(6).toString("hex")}`,
      kind,
      debit: direction === "credit" ? platform : customer,
      credit: direction === "credit" ? customer : platform,
      amountCents,
      description: kind === "top_up" ? "Top-up (Stripe)" : "AI answer: gpt-4o-mini",
      reference: kind === "usage" ? { model: "gpt-4o-mini" } : {},
    }),
  );
}

const call = (route: (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>, path: string, secret?: string) =>
  route(new Request(`http://localhost${path}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} }), { params: Promise.resolve({}) });

const ledger = async (query: string, secret: string) => {
  const res = await call(getLedgerRoute, `/api/v1/billing/ledger${query}`, secret);
  return { res, body: (await res.json()) as TLedgerBody & { error?: { code: string; message: string } } };
};

let a: { workspaceId: string; secret: string; entryIds: Set<string> };
let b: { workspaceId: string; secret: string; entryIds: Set<string> };

async function tenant(name: string, usage: number[]) {
  const { workspace, ctx } = await createOwnerWithWorkspace(name);
  await post(workspace.id, "top_up", 5000, "credit");
  for (const cents of usage) await post(workspace.id, "usage", cents, "debit");
  const { secret } = await createApiKey(ctx, { name: "billing" });
  const ids = await db().ledgerEntry.findMany({ where: { workspaceId: workspace.id }, select: { id: true } });
  return { workspaceId: workspace.id, secret, entryIds: new Set(ids.map((e) => e.id)) };
}

beforeAll(async () => {
  a = await tenant("API Ledger A", [40, 25, 10]);
  b = await tenant("API Ledger B", [7, 7, 7, 7, 7]);
});

describe("GET /api/v1/billing/balance", () => {
  it("answers the key's workspace balance in cents with held and available", async () => {
    const res = await call(getBalanceRoute, "/api/v1/billing/balance", a.secret);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ balance: 4925, currency: "EUR", held: 0, available: 4925 });

    const hold = await placeHold(b.workspaceId, { amountCents: 300, reason: "test answer" });
    expect(hold).toBeTruthy();
    expect(await (await call(getBalanceRoute, "/api/v1/billing/balance", b.secret)).json()).toEqual({ balance: 4965, currency: "EUR", held: 300, available: 4665 });
  });

  it("answers 0 for a workspace that never had an entry", async () => {
    const { ctx } = await createOwnerWithWorkspace("No Money Yet");
    const { secret } = await createApiKey(ctx, { name: "fresh" });
    expect(await (await call(getBalanceRoute, "/api/v1/billing/balance", secret)).json()).toEqual({ balance: 0, currency: "EUR", held: 0, available: 0 });
  });

  it("refuses a missing, malformed or revoked key with 401", async () => {
    expect((await call(getBalanceRoute, "/api/v1/billing/balance")).status).toBe(401);
    expect((await call(getBalanceRoute, "/api/v1/billing/balance", "cwk_not_a_real_key")).status).toBe(401);
    const { ctx } = await createOwnerWithWorkspace("Revoked Key Shop");
    const created = await createApiKey(ctx, { name: "soon gone" });
    await revokeApiKey(ctx, { apiKeyId: created.id });
    const res = await call(getBalanceRoute, "/api/v1/billing/balance", created.secret);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });
});

describe("GET /api/v1/billing/ledger", () => {
  it("lists the key's entries newest first, signed, with the balance after each", async () => {
    const { res, body } = await ledger("", a.secret);
    expect(res.status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.nextCursor).toBeNull();
    expect(body.entries.map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      ["usage", -10, 4925],
      ["usage", -25, 4935],
      ["usage", -40, 4960],
      ["top_up", 5000, 5000],
    ]);
    expect(body.entries[0]).toMatchObject({ description: "AI answer: gpt-4o-mini", reference: { model: "gpt-4o-mini" } });
    expect(new Date(body.entries[0]!.createdAt).toISOString()).toBe(body.entries[0]!.createdAt);
  });

  it("pages with nextCursor and filters by kind (comma list or repeated) and dates", async () => {
    const first = await ledger("?limit=2", b.secret);
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.total).toBe(6);
    const second = await ledger(`?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`, b.secret);
    const third = await ledger(`?limit=2&cursor=${encodeURIComponent(second.body.nextCursor!)}`, b.secret);
    expect(third.body.nextCursor).toBeNull();
    const ids = [...first.body.entries, ...second.body.entries, ...third.body.entries].map((e) => e.id);
    expect(new Set(ids)).toEqual(b.entryIds);

    expect((await ledger("?kind=top_up", b.secret)).body.entries.map((e) => e.amount)).toEqual([5000]);
    expect((await ledger("?kind=top_up,usage", b.secret)).body.total).toBe(6);
    expect((await ledger("?kind=top_up&kind=refund", b.secret)).body.total).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ledger(`?from=${today}&to=${today}`, b.secret)).body.total).toBe(6);
    expect((await ledger("?to=2000-01-01", b.secret)).body.total).toBe(0);
  });

  it("answers 400 with validation_failed for filters that do not parse", async () => {
    for (const query of ["?kind=gift", "?from=yesterday", "?to=2026-02-30", "?from=2026-03-02&to=2026-03-01", "?limit=0", "?limit=1000", "?cursor=abc", "?page=2", "?kinds=usage"]) {
      const { res, body } = await ledger(query, a.secret);
      expect(res.status, query).toBe(400);
      expect(body.error?.code, query).toBe("validation_failed");
    }
  });

  it("never shows another workspace's entries, whatever the cursor or filter", async () => {
    const all = await ledger("?limit=100", a.secret);
    expect(all.body.entries.every((e) => a.entryIds.has(e.id))).toBe(true);
    expect(all.body.entries.some((e) => b.entryIds.has(e.id))).toBe(false);

    const bPage = await ledger("?limit=1", b.secret);
    const withBCursor = await ledger(`?limit=100&cursor=${encodeURIComponent(bPage.body.nextCursor!)}`, a.secret);
    expect(withBCursor.res.status).toBe(200);
    expect(withBCursor.body.entries.some((e) => b.entryIds.has(e.id))).toBe(false);

    const bUsage = await ledger("?kind=usage&limit=100", b.secret);
    expect(bUsage.body.entries.every((e) => b.entryIds.has(e.id))).toBe(true);
    expect(bUsage.body.total).toBe(5);
  });

  it("refuses a request without a key with 401", async () => {
    const res = await call(getLedgerRoute, "/api/v1/billing/ledger");
    expect(res.status).toBe(401);
  });
});
