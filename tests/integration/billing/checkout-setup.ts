import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { setRuntimeEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { startFakeStripe, type TStripeFake } from "../../fakes/stripe-fake";
import { TEST_BASE_URL } from "../../helpers/test-database";

/**
 * Shared setup for the Stripe Checkout tests (checkout-session, billing-details, top-up-flow):
 * the real `stripe` SDK talks to the strict fake (tests/fakes/stripe-fake.ts), whose hosted
 * page posts signed events to a receiver that verifies them with
 * stripe.webhooks.constructEvent. Call useFakeStripe() once per file, after useTestDatabase();
 * `fake` and `receiver` are live bindings set before the first test.
 */
export const API_KEY = "sk_test_chatwerk_fake_0123456789";
export const WEBHOOK_SECRET = "whsec_chatwerk_test_0123456789abcdef";

export type TReceived = { event: Stripe.Event | null; error: string | null; raw: string; signature: string };
export type TReceiver = {
  url: string;
  received: TReceived[];
  /** When set, verified deliveries are also handed to this handler (the app's webhook route) and its answer is returned. */
  forward: ((request: Request) => Promise<Response>) | null;
  close(): Promise<void>;
};

/** A tiny webhook endpoint that verifies each delivery the way the app must. */
async function startReceiver(): Promise<TReceiver> {
  const verifier = new Stripe(API_KEY);
  const receiver: TReceiver = { url: "", received: [], forward: null, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["stripe-signature"] ?? "");
      try {
        receiver.received.push({ event: verifier.webhooks.constructEvent(raw, signature, WEBHOOK_SECRET), error: null, raw, signature });
      } catch (error) {
        receiver.received.push({ event: null, error: String(error), raw, signature });
        return void res.writeHead(400).end("invalid signature");
      }
      if (!receiver.forward) return void res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
      const request = new Request(receiver.url, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: raw });
      void receiver.forward(request).then(async (answer) => res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/api/stripe/webhook`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

export let fake: TStripeFake;
export let receiver: TReceiver;

/** Starts the receiver and the fake before the file's tests and points the app's env at them. */
export function useFakeStripe(): void {
  beforeAll(async () => {
    receiver = await startReceiver();
    fake = await startFakeStripe({ apiKey: API_KEY, webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET });
    setRuntimeEnv({ STRIPE_SECRET_KEY: API_KEY, STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, BASE_URL: TEST_BASE_URL });
  });

  afterAll(async () => {
    await fake?.close();
    await receiver?.close();
  });
}

export const customersOf = (workspaceId: string) => [...fake.customers.values()].filter((c) => c.metadata.workspaceId === workspaceId);
export const taxIdsOf = (customerId: string) => [...fake.taxIds.values()].filter((t) => t.customer === customerId).map((t) => ({ type: t.type, value: t.value }));
export const requestsTo = (route: string, since = 0) => fake.requests.slice(since).filter((r) => r.route === route);
export const storedCustomerId = async (workspaceId: string) => (await db().billingProfile.findUnique({ where: { workspaceId } }))?.stripeCustomerId ?? null;
export const sessionOf = async (paymentId: string) => fake.sessions.get((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).stripeCheckoutSessionId!)!;

export async function withStripeEnv<T>(patch: Record<string, string>, run: () => Promise<T>): Promise<T> {
  setRuntimeEnv(patch);
  try {
    return await run();
  } finally {
    setRuntimeEnv({ STRIPE_SECRET_KEY: API_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  }
}
