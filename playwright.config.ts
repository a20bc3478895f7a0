import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (CHROMIUM_PATH) against one production server
 * started here on a fresh data directory. One worker: 2 cores, one embedded database.
 */
const PORT = 3999;
const BASE_URL = `http://localhost:${PORT}`;
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
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
  webServer: {
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
    },
  },
});
