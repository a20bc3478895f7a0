import { randomInt } from "node:crypto";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { db } from "@/lib/db/client";
import { skipNotice, TEST_POSTGRES_URL } from "../../helpers/external-services";
import { chargeRefundedEvent, disputeEvent, sessionEvent, stripeId, TEST_WEBHOOK_SECRET } from "../../helpers/stripe-events";
import { useTestDatabase } from "../../helpers/test-database";
import { useNativeDatabase } from "../../helpers/native-database";
import { balance, deliver, pendingTopUp } from "./webhook-support";

useTestDatabase({ env: { STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET } });

/**
 * `count` payments, each with a random life: paid by card or by a delayed method (completed
 * plus async_payment_succeeded racing for the same credit), none to three cumulative refunds
 * (delivered in any order, also before the completion), and for some a dispute, won or lost.
 * Every event is delivered three times, shuffled, 16 at a time; disputes, which come days
 * after the payment, in a second round. Balances must equal what Stripe netted.
 */
async function livePaymentLives(count: number, label: string) {
  type TLife = { workspaceId: string; expected: number; first: Stripe.Event[]; later: Stripe.Event[] };
  const lives: TLife[] = [];
  for (let i = 0; i < count; i++) {
    const amount = 1_000 + randomInt(50_000);
    const t = await pendingTopUp(`${label} ${i}`, { amountTotal: amount, withPaymentRow: i % 3 !== 0 });
    const first: Stripe.Event[] = [sessionEvent("checkout.session.completed", t.session)];
    if (i % 5 === 2) first.push(sessionEvent("checkout.session.async_payment_succeeded", t.session));
    const steps = [Math.floor(amount / 4), Math.floor(amount / 2), amount];
    const refunded = i % 4 === 0 ? 0 : steps[i % 3]!;
    for (let s = 0; s < 3 && steps[s]! <= refunded; s++) first.push(chargeRefundedEvent(t.chargeOf(steps[s]!), s === 0 ? 0 : steps[s - 1]));
    const later: Stripe.Event[] = [];
    let expected = amount - refunded;
    const rest = amount - refunded;
    if (rest > 0 && i % 2 === 1) {
      const id = stripeId("du_1Q");
      const won = i % 4 === 1;
      later.push(disputeEvent("charge.dispute.created", t.disputeOf(id, "needs_response", rest)));
      later.push(disputeEvent("charge.dispute.funds_withdrawn", t.disputeOf(id, "needs_response", rest)));
      later.push(disputeEvent("charge.dispute.closed", t.disputeOf(id, won ? "won" : "lost", rest)));
      if (won) later.push(disputeEvent("charge.dispute.funds_reinstated", t.disputeOf(id, "won", rest)));
      else expected -= rest;
    }
    lives.push({ workspaceId: t.workspaceId, expected, first, later });
  }
  const run = async (events: Stripe.Event[]) => {
    const deliveries = events.flatMap((e) => [e, e, e]);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < deliveries.length) {
          const event = deliveries[next++]!;
          const res = await deliver(event);
          if (res.status !== 200) failures.push(`${event.type} ${event.id}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
  };
  await run(lives.flatMap((l) => l.first));
  await run(lives.flatMap((l) => l.later));

  for (const life of lives) expect(await balance(life.workspaceId), life.workspaceId).toBe(life.expected);
  const ids = lives.flatMap((l) => [...l.first, ...l.later].map((e) => e.id));
  const rows = await db().stripeEvent.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, deliveries: true } });
  expect(rows).toHaveLength(ids.length);
  expect(rows.filter((r) => r.status !== "processed" || r.deliveries !== 3)).toEqual([]);
  const report = await reconcileLedger();
  expect(report.differences).toEqual([]);
  expect(report.balanced).toBe(true);
}

describe("whole payment lives, shuffled, duplicated and concurrent", () => {
  it("completions, cumulative refunds and disputes in any order net to what Stripe nets", { timeout: 120_000 }, async () => {
    await livePaymentLives(12, "Life");
  });
});

/**
 * PGlite runs one transaction at a time, so the locks above are never contended there
 * (ARCHITECTURE 12). The same lives run again on the machine's native PostgreSQL with a
 * 20-connection pool: event-row claims, Payment creation racing on the unique Stripe ids,
 * the refund high-water mark and the shared platform account under real concurrency.
 */
const nativeTitle = TEST_POSTGRES_URL
  ? "native PostgreSQL: concurrent webhook deliveries"
  : skipNotice("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres", "webhook concurrency on native PostgreSQL");
if (!TEST_POSTGRES_URL) console.warn(nativeTitle);

describe.skipIf(!TEST_POSTGRES_URL)(nativeTitle, () => {
  useNativeDatabase({ prefix: "cw_webhook", poolSize: 20 });

  it("30 payment lives, every event three times, 16 deliveries at once", { timeout: 180_000 }, async () => {
    await livePaymentLives(30, "Native life");
  });
});
