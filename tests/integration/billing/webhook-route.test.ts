import { randomInt } from "node:crypto";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { PLATFORM_ACCOUNTS } from "@/lib/billing/accounts";
import { getBalance } from "@/lib/billing/get-balance";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { setRuntimeEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import {
  checkoutSession,
  eventBody,
  sessionEvent,
  signatureHeader,
  signedDelivery,
  TEST_WEBHOOK_SECRET,
  webhookRequest,
} from "../../helpers/stripe-events";
import { useTestDatabase } from "../../helpers/test-database";

const TOLERANCE_SECONDS = 300;
useTestDatabase({ env: { STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_WEBHOOK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS) } });

/** Runs `work` over `items`, `concurrency` at a time. */
async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function tableCounts() {
  const [events, entries, payments, accounts] = await Promise.all([db().stripeEvent.count(), db().ledgerEntry.count(), db().payment.count(), db().ledgerAccount.count()]);
  return { events, entries, payments, accounts };
}

describe("POST /api/stripe/webhook: signature and configuration", () => {
  it("answers 503 and stores nothing while no webhook secret is configured", async () => {
    const { workspace } = await createOwnerWithWorkspace("No Secret Co");
    const before = await tableCounts();
    setRuntimeEnv({ STRIPE_WEBHOOK_SECRET: "" });
    try {
      const res = await POST(signedDelivery(sessionEvent("checkout.session.completed", checkoutSession({ workspaceId: workspace.id, amountTotal: 5000 }))));
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("not_configured");
    } finally {
      setRuntimeEnv({ STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("rejects 300 forged, altered, wrong-secret, stale and unsigned deliveries with 400 and writes nothing", async () => {
    const { workspace } = await createOwnerWithWorkspace("Forgery Target");
    const before = await tableCounts();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const attacks: Array<{ kind: string; request: Request }> = [];
    for (let i = 0; i < 60; i++) {
      // Every body is a valid, paid top-up for a real workspace: only the signature stops it.
      const body = () => eventBody(sessionEvent("checkout.session.completed", checkoutSession({ workspaceId: workspace.id, amountTotal: 1000 + i })));
      const forged = body();
      attacks.push({ kind: "forged", request: webhookRequest(forged, { signature: `t=${nowSeconds},v1=${Buffer.from(forged).toString("hex").slice(0, 64)}` }) });
      const original = body();
      const altered = original.replace(`"amount_total": ${1000 + i}`, `"amount_total": ${1_000_000 + i}`);
      expect(altered).not.toBe(original);
      attacks.push({ kind: "altered", request: webhookRequest(altered, { signature: signatureHeader(original) }) });
      const other = body();
      attacks.push({ kind: "wrong secret", request: webhookRequest(other, { signature: signatureHeader(other, { secret: "whsec_attacker_0123456789abcdef0123456789ab" }) }) });
      const stale = body();
      attacks.push({ kind: "stale", request: webhookRequest(stale, { signature: signatureHeader(stale, { timestamp: nowSeconds - TOLERANCE_SECONDS - 1 - i }) }) });
      attacks.push({ kind: "unsigned", request: webhookRequest(body(), { signature: null }) });
    }
    expect(attacks).toHaveLength(300);

    const statuses = new Map<string, number[]>();
    await inPool(shuffle(attacks), 16, async ({ kind, request }) => {
      const res = await POST(request);
      const json = await res.json();
      expect(json.error.code, kind).toBe("bad_request");
      statuses.set(kind, [...(statuses.get(kind) ?? []), res.status]);
    });
    for (const [kind, codes] of statuses) {
      expect(codes, kind).toHaveLength(60);
      expect(new Set(codes), kind).toEqual(new Set([400]));
    }
    expect(await tableCounts()).toEqual(before);
    expect((await getBalance(workspace.id)).balanceCents).toBe(0);
  });

  it("accepts a delivery signed within the tolerance, and rejects a correctly signed body that is not a Stripe event", async () => {
    const { workspace } = await createOwnerWithWorkspace("Tolerance Co");
    const event = sessionEvent("checkout.session.completed", checkoutSession({ workspaceId: workspace.id, amountTotal: 777 }));
    const body = eventBody(event);
    const res = await POST(webhookRequest(body, { signature: signatureHeader(body, { timestamp: Math.floor(Date.now() / 1000) - TOLERANCE_SECONDS + 30 }) }));
    expect(res.status).toBe(200);
    expect((await getBalance(workspace.id)).balanceCents).toBe(777);

    const before = await tableCounts();
    for (const malformed of ["{not json", JSON.stringify({ object: "event", type: "checkout.session.completed" }), JSON.stringify({ ...event, id: "not-an-event-id" }), "[]"]) {
      const bad = await POST(webhookRequest(malformed));
      expect(bad.status, malformed).toBe(400);
      expect((await bad.json()).error.code).toBe("bad_request");
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("POST /api/stripe/webhook: redeliveries, concurrency and order", () => {
  it(
    "200 top-ups × 5 deliveries, shuffled, 16 at a time: exact balances, one entry per payment, one event row per event",
    async () => {
      const workspaces = await Promise.all(Array.from({ length: 20 }, (_, i) => createOwnerWithWorkspace(`Bulk ${i}`).then((r) => r.workspace.id)));
      type TTopUp = { workspaceId: string; session: Stripe.Checkout.Session; paymentId: string | null; events: Stripe.Event[] };
      const topUps: TTopUp[] = [];
      for (let i = 0; i < 200; i++) {
        const workspaceId = workspaces[i % workspaces.length]!;
        const amountTotal = 500 + randomInt(99_500);
        const amountTax = i % 3 === 0 ? Math.round((amountTotal * 19) / 119) : 0;
        // Half were created by this app's checkout (a pending Payment row), half elsewhere.
        const paymentId =
          i % 2 === 0
            ? (await db().payment.create({ data: { workspaceId, status: "pending", amountCents: amountTotal - amountTax, currency: "eur" }, select: { id: true } })).id
            : null;
        const session = checkoutSession({ workspaceId, paymentId, amountTotal, amountTax });
        if (paymentId) await db().payment.update({ where: { id: paymentId }, data: { stripeCheckoutSessionId: session.id } });
        const events = [sessionEvent("checkout.session.completed", session)];
        // Some sessions also get async_payment_succeeded: same credit key, must still credit once.
        if (i % 10 === 0) events.push(sessionEvent("checkout.session.async_payment_succeeded", session));
        topUps.push({ workspaceId, session, paymentId, events });
      }
      const deliveries = shuffle(topUps.flatMap((t) => t.events.flatMap((e) => Array.from({ length: 5 }, () => e))));
      expect(deliveries.length).toBe(5 * 220);

      const responses: number[] = [];
      await inPool(deliveries, 16, async (event) => {
        // Stripe signs every attempt anew (fresh timestamp); the body is the same event.
        const res = await POST(signedDelivery(event));
        responses.push(res.status);
        const json = await res.json();
        expect(json, JSON.stringify(json)).toMatchObject({ received: true, eventId: event.id, status: "processed" });
      });
      expect(responses.filter((s) => s !== 200)).toEqual([]);

      const expected = new Map<string, number>();
      for (const t of topUps) expected.set(t.workspaceId, (expected.get(t.workspaceId) ?? 0) + t.session.amount_total!);
      for (const [workspaceId, cents] of expected) {
        expect((await getBalance(workspaceId)).balanceCents, workspaceId).toBe(cents);
      }

      const entries = await db().ledgerEntry.findMany({ where: { workspaceId: { in: workspaces } }, select: { idempotencyKey: true, amountCents: true, kind: true, workspaceId: true } });
      expect(entries).toHaveLength(200);
      const byKey = new Map(entries.map((e) => [e.idempotencyKey, e]));
      for (const t of topUps) {
        expect(byKey.get(`payment:${t.session.id}`), t.session.id).toEqual({ idempotencyKey: `payment:${t.session.id}`, amountCents: t.session.amount_total, kind: "top_up", workspaceId: t.workspaceId });
      }

      const events = await db().stripeEvent.findMany({ where: { id: { in: topUps.flatMap((t) => t.events.map((e) => e.id)) } } });
      expect(events).toHaveLength(220);
      for (const row of events) {
        expect(row, row.id).toMatchObject({ status: "processed", deliveries: 5, error: null });
        expect(row.processedAt).toBeInstanceOf(Date);
      }
      const eventsById = new Map(events.map((e) => [e.id, e]));
      for (const t of topUps) {
        for (const e of t.events) {
          const row = eventsById.get(e.id)!;
          expect(row).toMatchObject({ type: e.type, livemode: false, workspaceId: t.workspaceId });
          expect(row.payload).toEqual(JSON.parse(eventBody(e)));
        }
      }

      const payments = await db().payment.findMany({ where: { workspaceId: { in: workspaces } } });
      expect(payments).toHaveLength(200);
      const paymentsBySession = new Map(payments.map((p) => [p.stripeCheckoutSessionId, p]));
      for (const t of topUps) {
        const p = paymentsBySession.get(t.session.id)!;
        expect(p, t.session.id).toMatchObject({
          workspaceId: t.workspaceId,
          status: "paid",
          creditedCents: t.session.amount_total,
          amountTotalCents: t.session.amount_total,
          amountTaxCents: t.session.total_details!.amount_tax,
          stripePaymentIntentId: t.session.payment_intent,
          stripeInvoiceId: t.session.invoice,
          refundedCents: 0,
          disputedCents: 0,
        });
        expect(p.paidAt).toBeInstanceOf(Date);
        if (t.paymentId) expect(p.id).toBe(t.paymentId);
      }

      const stripeAccount = await db().ledgerAccount.findUniqueOrThrow({ where: { key: PLATFORM_ACCOUNTS.stripe } });
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      expect(Number(stripeAccount.debitsCents - stripeAccount.creditsCents)).toBeGreaterThanOrEqual(total);

      const report = await reconcileLedger();
      expect(report.differences).toEqual([]);
      expect(report.balanced).toBe(true);
      expect(report.entries).toBe(await db().ledgerEntry.count());
    },
    240_000,
  );
});
