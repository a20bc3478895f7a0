// Screenshots of the product for a visual review (not a test): starts the production server on
// a fresh data directory (demo workspace seeded), signs in as the demo owner and captures the
// given pages at 1280×800 and 390×844 into screenshots/review/. Needs a build (`npm run build`)
// and Debian's Chromium.
//   node scripts/dev/screenshots.mjs [--port 3100]
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]) || 3100;
const base = `http://localhost:${port}`;
const out = path.resolve("screenshots/review");
const dataDir = path.resolve("tests/.tmp/screenshots-data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", BASE_URL: base, DATA_DIR: dataDir, DEV_MAILBOX: "true", LOG_LEVEL: "warn" },
  stdio: ["ignore", "pipe", "inherit"],
});
let log = "";
server.stdout.on("data", (chunk) => (log += chunk));
process.on("exit", () => server.kill("SIGTERM"));
const started = Date.now();
for (;;) {
  const healthy = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
  if (healthy) break;
  if (Date.now() - started > 120_000) throw new Error(`server did not start:\n${log}`);
  await new Promise((r) => setTimeout(r, 500));
}
const password = log.match(/Password: (\S+)/)?.[1];
if (!password) throw new Error("no demo password in the server log");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const shots = [];
try {
  for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, locale: "de-DE" });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel("E-Mail-Adresse").fill("demo@chatwerk.local");
    await page.getByLabel("Passwort", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
    await page.waitForURL(/\/dashboard\/demo/);
    await page.goto(`${base}/dashboard/demo/bots`);
    const botHref = await page.locator('a[href*="/dashboard/demo/bots/"]').first().getAttribute("href");
    // Let the demo bot's FAQ crawl finish so pages show real content.
    await page.waitForTimeout(4000);
    const pages = [
      ["bots", "/dashboard/demo/bots"],
      ["bot-knowledge", botHref],
      ["bot-answers", `${botHref}/answers`],
      ["bot-widget", `${botHref}/widget`],
      ["bot-general", `${botHref}/general`],
      ["leads", "/dashboard/demo/leads"],
      ["settings", "/dashboard/demo/settings"],
    ];
    for (const [name, url] of pages) {
      await page.goto(`${base}${url}`);
      await page.waitForLoadState("networkidle");
      const file = path.join(out, `${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    }
    // The widget on /demo, opened, with one question answered.
    await page.goto(`${base}/demo`);
    const launcher = page.getByRole("button", { name: "Chat öffnen" });
    await launcher.waitFor();
    await page.screenshot({ path: path.join(out, `demo-closed-${label}.png`) });
    await launcher.click();
    const frame = page.frameLocator('iframe[src*="/chat/"]');
    await frame.getByRole("textbox").first().fill("Wie binde ich das Widget auf meiner Website ein?");
    await frame.getByRole("button", { name: "Senden" }).click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(out, `demo-answer-${label}.png`) });
    shots.push(path.join(out, `demo-answer-${label}.png`));
    await page.goto(`${base}/`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(out, `home-${label}.png`) });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(shots.map((s) => path.relative(process.cwd(), s)).join("\n"));
