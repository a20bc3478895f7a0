import pg from "pg";
import { describe, expect, it } from "vitest";
import { workspaceAccountKey } from "@/lib/billing/accounts";
import { chargePlanPeriod } from "@/lib/billing/plans/charge-plan-period";
import { loadPlanState } from "@/lib/billing/plans/load-plan-state";
import { changePlan, remindRenewal, renewSubscription } from "@/lib/billing/plans/plans";
import { db } from "@/lib/db/client";
import { getPlan } from "@/lib/plans/plans";
import { skipNotice, TEST_POSTGRES_URL } from "../../helpers/external-services";
import { useTestDatabase } from "../../helpers/test-database";
import { useNativeDatabase, waitForLockWaiters } from "../../helpers/native-database";
import { balance, entries, expectLedgerBalanced, funded, mailsWithSubject, plus, T0 } from "./plans-helpers";

useTestDatabase({ env: { BILLING_GRACE_DAYS: "7", BILLING_REMINDER_DAYS: "5" } });

/**
 * PGlite runs one transaction at a time, so the claims above cannot race there (ARCHITECTURE
 * 12). Here the same services run against the machine's native PostgreSQL. A gate session
 * holds the workspace's ledger account (or its subscription row) while the racing calls run
 * and lets go once they wait on it, forcing the worst interleaving every time.
 */
const nativeTitle = TEST_POSTGRES_URL
  ? "native PostgreSQL: concurrent renewals and notices"
  : skipNotice("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres", "native PostgreSQL plan renewal races");

describe.skipIf(!TEST_POSTGRES_URL)(nativeTitle, () => {
  const native = useNativeDatabase({ prefix: "cw_test", poolSize: 10 });

  /** Runs the calls while `lock` holds the gate; lets go once `waiters` of them wait on it. */
  async function race<T>(lock: (gate: pg.Client) => Promise<unknown>, waiters: number, calls: (() => Promise<T>)[]): Promise<T[]> {
    const gate = new pg.Client({ connectionString: native.url() });
    await gate.connect();
    try {
      await gate.query("BEGIN");
      await lock(gate);
      const settled = Promise.all(calls.map((call) => call()));
      await waitForLockWaiters(gate, waiters);
      await gate.query("COMMIT");
      return await settled;
    } finally {
      await gate.end();
    }
  }

  const lockLedgerAccount = (workspaceId: string) => (gate: pg.Client) =>
    gate.query("SELECT id FROM ledger_accounts WHERE key = $1 FOR UPDATE", [workspaceAccountKey(workspaceId)]);

  async function dueStarter(balanceCents: number) {
    const setup = await funded(balanceCents, "Native Shop");
    await changePlan(setup.ctx, { plan: "starter", months: 1 }, T0);
    return { ...setup, end: new Date("2030-04-01T09:00:00.000Z") };
  }

  it("two renewals at once: one charges while the other skips the claimed workspace", async () => {
    const { ctx, end } = await dueStarter(10_000);
    const at = plus(end, 60_000);
    const outcomes = await race(lockLedgerAccount(ctx.workspaceId), 1, [() => renewSubscription(ctx.workspaceId, at), () => renewSubscription(ctx.workspaceId, at)]);
    expect([...outcomes].sort()).toEqual(["renewed", "skipped"]);
    expect(await entries(ctx.workspaceId, "plan")).toHaveLength(2);
    expect(await balance(ctx.workspaceId)).toBe(10_000 - 5_800);
    expect(await renewSubscription(ctx.workspaceId, at)).toBe("skipped");
  });

  it("without the claim, the period's ledger key still lets only one of two charges through", async () => {
    const { ctx, end } = await dueStarter(10_000);
    // Two processes that both read the due subscription before either charges.
    const unclaimed = () =>
      db().$transaction(async (tx) => {
        const state = await loadPlanState(tx, ctx.workspaceId);
        return chargePlanPeriod(tx, { workspaceId: ctx.workspaceId, plan: getPlan("starter"), months: 1, addons: { extraSeats: 0, brandingAddon: false }, startsAt: state.subscription!.currentPeriodEnd, actorId: null });
      });
    const charged = await race(lockLedgerAccount(ctx.workspaceId), 2, [unclaimed, unclaimed]);
    expect(charged.map((c) => c.posted?.created).sort()).toEqual([false, true]);
    expect((await entries(ctx.workspaceId, "plan")).map((e) => e.idempotencyKey)).toEqual([
      `plan-period:${ctx.workspaceId}:${T0.toISOString()}`,
      `plan-period:${ctx.workspaceId}:${end.toISOString()}`,
    ]);
    expect(await balance(ctx.workspaceId)).toBe(10_000 - 5_800);
    await expectLedgerBalanced();
  });

  it("two renewal notices at once: one claims the period end and mails", async () => {
    const { owner, ctx, end } = await dueStarter(10_000);
    const sent = await race(
      (gate) => gate.query("SELECT workspace_id FROM subscriptions WHERE workspace_id = $1 FOR UPDATE", [ctx.workspaceId]),
      2,
      [() => remindRenewal(ctx.workspaceId, end), () => remindRenewal(ctx.workspaceId, end)],
    );
    expect([...sent].sort()).toEqual([false, true]);
    expect(await mailsWithSubject(owner.email, /renews/)).toHaveLength(1);
  });
});
