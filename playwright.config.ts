import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (CHROMIUM_PATH) against one production server
 * started here on a fresh data directory. One worker: 2 cores, one embedded database.
 * Payments go to the fake Stripe API (tests/fakes/stripe-fake.ts), started first on a fixed
 * port: the app calls it through the real SDK, the browser pays on its hosted page, and it
 * delivers signed webhooks back to the app.
 */
const PORT = 3999;
const BASE_URL = `http://localhost:${PORT}`;
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Test-mode credentials shared by the app, the fake and the billing spec (never real keys). */
export const E2E_STRIPE = {
  port: 4020,
  url: "http://127.0.0.1:4020",
  secretKey: "sk_test_chatwerk_e2e_fake_key",
  webhookSecret: "whsec_chatwerk_e2e_0123456789abcdef0123456789",
} as const;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  // One retry in CI: a test that passes only on retry is still reported as flaky in the output.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    locale: "de-DE",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: [
        "node --import tsx tests/fakes/run-stripe-fake.ts",
        `--port ${E2E_STRIPE.port}`,
        `--api-key ${E2E_STRIPE.secretKey}`,
        `--webhook-url ${BASE_URL}/api/stripe/webhook`,
        `--webhook-secret ${E2E_STRIPE.webhookSecret}`,
        `--public-url ${E2E_STRIPE.url}`,
      ].join(" "),
      // Any /v1 path without a key answers 401 once the fake listens.
      url: `${E2E_STRIPE.url}/v1/customers`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      command: "rm -rf tests/.tmp/e2e-data && node --import tsx server/index.ts",
      url: `${BASE_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        HOST: "127.0.0.1",
        BASE_URL,
        DATA_DIR: "tests/.tmp/e2e-data",
        SEED_DEMO: "false",
        RATE_LIMIT_SCALE: "10",
        // The knowledge test crawls a fixture site it serves on 127.0.0.1.
        FETCH_ALLOW_HOSTS: "127.0.0.1",
        REDIS_URL: "",
        DATABASE_URL: "",
        SMTP_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        STRIPE_SECRET_KEY: E2E_STRIPE.secretKey,
        STRIPE_WEBHOOK_SECRET: E2E_STRIPE.webhookSecret,
        STRIPE_API_URL: E2E_STRIPE.url,
      },
    },
  ],
});
