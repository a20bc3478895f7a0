/**
 * `npm run bench` (also `tsx scripts/bench/billing.ts`): the ledger's numbers, side by side in
 * one run (issue 6 "Bench"), on a fresh embedded database.
 * 1. Webhook events per second with idempotency: 300 signed `checkout.session.completed`
 *    events over 50 workspaces, each delivered twice (shuffled, 16 at a time), through the
 *    route handler (signature check, event log, row locks, ledger entry); beside it the bare
 *    ledger path (postEntry of the same 300 credits, 16 at a time) as the baseline.
 * 2. Debit latency under 50 concurrent debits: 50 callers, each 20 one-cent debits with
 *    funds "require" on its own workspace; and 50 callers on ONE workspace (one hot account
 *    row, the worst case). p50/p95/p99 per debit.
 * JSON: bench/results/billing.json.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { POST as webhook } from "../../app/api/stripe/webhook/route";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../../lib/billing/accounts";
import { getBalance } from "../../lib/billing/get-balance";
import { postEntry } from "../../lib/billing/post-entry";
import { reconcileLedger } from "../../lib/billing/reconcile-ledger";
import { setRuntimeEnv } from "../../lib/config/env";
import { db } from "../../lib/db/client";
import { checkoutSession, sessionEvent, signedDelivery, TEST_WEBHOOK_SECRET } from "../../tests/helpers/stripe-events";
import { createTenant, openBenchDatabase, type TTenant } from "./retrieval-db";
import { percentile } from "./retrieval-metrics";

const RESULTS_FILE = path.resolve("bench/results/billing.json");

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function latency(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), p99Ms: percentile(sorted, 0.99) };
}

export async function benchBilling() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "cw-bench-billing-"));
  const database = await openBenchDatabase(dataDir);
  setRuntimeEnv({ STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, LOG_LEVEL: "error" });
  try {
    const tenants: TTenant[] = [];
    for (let i = 0; i < 50; i++) tenants.push(await createTenant(`Billing bench ${i}`, "Bot"));

    // 1. Webhooks: 300 events × 2 deliveries through the route handler.
    const events = Array.from({ length: 300 }, (_, i) => sessionEvent("checkout.session.completed", checkoutSession({ workspaceId: tenants[i % 50]!.workspaceId, amountTotal: 1000 + (i % 7) * 500 })));
    const deliveries = shuffle(events.flatMap((e) => [e, e]));
    let failures = 0;
    const hookStart = performance.now();
    await pool(deliveries, 16, async (event) => {
      const response = await webhook(signedDelivery(event));
      if (response.status !== 200) failures++;
    });
    const hookSeconds = (performance.now() - hookStart) / 1000;
    const credited = await db().ledgerEntry.count({ where: { kind: "top_up" } });

    // Baseline: the same credits straight into the ledger (no HTTP, signature or event log).
    const bareStart = performance.now();
    await pool(events, 16, async (event) => {
      const session = event.data.object as { id: string; amount_total: number; client_reference_id: string };
      await db().$transaction((tx) =>
        postEntry(tx, { idempotencyKey: `bare:${session.id}`, kind: "top_up", debit: PLATFORM_ACCOUNTS.stripe, credit: workspaceAccountKey(session.client_reference_id), amountCents: session.amount_total, description: "bench" }),
      );
    });
    const bareSeconds = (performance.now() - bareStart) / 1000;

    // 2. Debits: 50 concurrent callers, one workspace each, then all on one workspace.
    const spread: number[] = [];
    await Promise.all(
      tenants.map(async (tenant, caller) => {
        for (let i = 0; i < 20; i++) {
          const t0 = performance.now();
          await db().$transaction((tx) =>
            postEntry(tx, { idempotencyKey: `debit:${caller}:${i}`, kind: "usage", debit: workspaceAccountKey(tenant.workspaceId), credit: PLATFORM_ACCOUNTS.usage, amountCents: 1, description: "bench", funds: "require" }),
          );
          spread.push(performance.now() - t0);
        }
      }),
    );
    const hot: number[] = [];
    const hotWorkspace = tenants[0]!.workspaceId;
    await Promise.all(
      Array.from({ length: 50 }, async (_, caller) => {
        for (let i = 0; i < 20; i++) {
          const t0 = performance.now();
          await db().$transaction((tx) =>
            postEntry(tx, { idempotencyKey: `hot:${caller}:${i}`, kind: "usage", debit: workspaceAccountKey(hotWorkspace), credit: PLATFORM_ACCOUNTS.usage, amountCents: 1, description: "bench", funds: "require" }),
          );
          hot.push(performance.now() - t0);
        }
      }),
    );
    const report = await reconcileLedger();
    const hotBalance = await getBalance(hotWorkspace);

    const result = {
      webhook: {
        events: events.length,
        deliveries: deliveries.length,
        concurrency: 16,
        non200: failures,
        creditedEntries: credited,
        eventsPerSecond: events.length / hookSeconds,
        deliveriesPerSecond: deliveries.length / hookSeconds,
        bareLedgerCreditsPerSecond: events.length / bareSeconds,
        ratioToBareLedger: bareSeconds / hookSeconds,
      },
      debits: {
        concurrency: 50,
        spreadOverWorkspaces: latency(spread),
        oneHotWorkspace: latency(hot),
      },
      reconcile: { differences: report.differences.length, balanced: report.balanced, entries: report.entries },
      hotWorkspaceBalanceCents: hotBalance.balanceCents,
    };
    const f = (n: number, d = 1) => n.toFixed(d);
    console.table([
      { measure: "webhook events/s (2 deliveries each, 16 at a time)", value: f(result.webhook.eventsPerSecond), note: `${result.webhook.creditedEntries} entries for ${events.length} events, ${failures} non-200` },
      { measure: "webhook deliveries/s", value: f(result.webhook.deliveriesPerSecond), note: "" },
      { measure: "bare ledger credits/s (baseline)", value: f(result.webhook.bareLedgerCreditsPerSecond), note: `webhook path = ${f(result.webhook.ratioToBareLedger, 2)}× of bare` },
      { measure: "debit p50 / p95 / p99 ms (50 callers, 50 workspaces)", value: `${f(result.debits.spreadOverWorkspaces.p50Ms)} / ${f(result.debits.spreadOverWorkspaces.p95Ms)} / ${f(result.debits.spreadOverWorkspaces.p99Ms)}`, note: "embedded: one transaction at a time, so ≈ queue depth × one debit" },
      { measure: "debit p50 / p95 / p99 ms (50 callers, one workspace)", value: `${f(result.debits.oneHotWorkspace.p50Ms)} / ${f(result.debits.oneHotWorkspace.p95Ms)} / ${f(result.debits.oneHotWorkspace.p99Ms)}`, note: "one hot account row" },
      { measure: "reconcile", value: result.reconcile.differences === 0 && result.reconcile.balanced ? "clean" : "DIFFERENCES", note: `${result.reconcile.entries} entries` },
    ]);
    await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, JSON.stringify({ started: new Date().toISOString(), node: process.version, ...result }, null, 2));
    console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
    return result;
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchBilling()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
