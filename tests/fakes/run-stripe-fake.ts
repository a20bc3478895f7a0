import { parseArgs } from "node:util";
import { startFakeStripe } from "./stripe-fake";

/**
 * Runs the fake Stripe API as a process for end-to-end tests:
 *   npx tsx tests/fakes/run-stripe-fake.ts --port 4020 --api-key sk_test_fake \
 *     --webhook-url http://localhost:3999/api/stripe/webhook --webhook-secret whsec_… [--public-url http://localhost:4020]
 * Prints one JSON line ({url, publicUrl, webhookUrl}) once listening, one line per webhook
 * delivery on stderr, and stops on SIGINT/SIGTERM. Point the app at it with
 * STRIPE_API_URL=<url>, STRIPE_SECRET_KEY=<api key>, STRIPE_WEBHOOK_SECRET=<webhook secret>.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "api-key": { type: "string" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    "public-url": { type: "string" },
  },
});

if (!values["api-key"]) {
  console.error("run-stripe-fake: --api-key is required");
  process.exit(2);
}
if (values["webhook-url"] && !values["webhook-secret"]) {
  console.error("run-stripe-fake: --webhook-secret is required with --webhook-url");
  process.exit(2);
}

const fake = await startFakeStripe({
  port: Number(values.port),
  host: values.host,
  apiKey: values["api-key"],
  webhookUrl: values["webhook-url"],
  webhookSecret: values["webhook-secret"],
  publicUrl: values["public-url"],
  onDelivery: (d) => console.error(JSON.stringify({ delivery: d.type, eventId: d.eventId, status: d.status, error: d.error })),
});
console.log(JSON.stringify({ url: fake.url, publicUrl: fake.publicUrl, webhookUrl: values["webhook-url"] ?? null }));

const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
