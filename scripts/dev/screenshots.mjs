// Screenshots of the product for a visual review (not a test): starts the production server on
// a fresh data directory (demo workspace seeded), signs in as the demo owner and captures the
// given pages at 1280×800 and 390×844 into screenshots/review/, then the operator console with
// a live chat (a visitor on /demo asks for a human). Needs a build (`npm run build`) and
// Debian's Chromium.
//   node scripts/dev/screenshots.mjs [--port 3100] [--only console]
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
const onlyConsole = process.argv.includes("--only") && process.argv[process.argv.indexOf("--only") + 1] === "console";

async function signIn(context) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("E-Mail-Adresse").fill("demo@chatwerk.local");
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
  await page.waitForURL(/\/dashboard\/demo/);
  return page;
}

async function shoot(page, name) {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  shots.push(file);
}

/** The console with a live chat: desktop, then the three phone views of the same chat. */
async function captureConsole() {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "de-DE" });
  const op = await signIn(desk);
  await op.goto(`${base}/dashboard/demo/console`);
  await op.getByText("Verbunden").waitFor();
  await shoot(op, "console-empty-desktop");

  const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: "de-DE" });
  const shop = await visitorContext.newPage();
  await shop.goto(`${base}/demo?utm_source=newsletter`);
  await shop.getByRole("button", { name: "Chat öffnen" }).click();
  const frame = shop.frameLocator('iframe[src*="/chat/"]');
  await frame.getByRole("textbox").first().fill("Kann ich das Widget auch auf mehreren Websites einsetzen?");
  await frame.getByRole("button", { name: "Senden" }).click();
  await shop.waitForTimeout(2500);
  await frame.getByRole("button", { name: "Mit einem Menschen sprechen" }).first().click();
  await op.getByRole("button", { name: "Annehmen" }).first().waitFor();
  await shoot(op, "console-offer-desktop");
  await op.keyboard.press("Alt+A");
  const composer = op.getByRole("textbox", { name: /Nachricht an/ });
  await composer.waitFor();
  await composer.fill("Guten Tag! Ja, ein Bot kann auf beliebig vielen Domains laufen – tragen Sie sie unter Einstellungen ein.");
  await composer.press("Enter");
  await frame.getByRole("textbox").first().fill("Super. Und wie viele Operatoren sind im Tarif enthalten?");
  await frame.getByRole("button", { name: "Senden" }).click();
  await op.getByRole("button", { name: "Interne Notiz" }).click();
  await op.getByRole("textbox", { name: /Interne Notiz/ }).fill("Interessent für Team-Tarif – Angebot schicken");
  await op.getByRole("textbox", { name: /Interne Notiz/ }).press("Enter");
  await op.getByRole("button", { name: "Antwort", exact: true }).click();
  await frame.getByRole("textbox").first().pressSequentially("Und gibt es", { delay: 20 });
  await op.waitForTimeout(800);
  await shoot(op, "console-chat-desktop");
  await composer.fill("/");
  await op.waitForTimeout(600);
  await shoot(op, "console-canned-desktop");
  await composer.fill("");
  await op.keyboard.press("Escape");
  await op.locator("body").click({ position: { x: 5, y: 5 } });
  await op.keyboard.press("?");
  await op.waitForTimeout(300);
  await shoot(op, "console-help-desktop");
  await op.keyboard.press("Escape");

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "de-DE", isMobile: true, hasTouch: true });
  const mobile = await signIn(phone);
  await mobile.goto(`${base}/dashboard/demo/console`);
  await mobile.getByText("Meine Chats").waitFor();
  await shoot(mobile, "console-list-phone");
  await mobile.locator("[data-conversation-id] > button").first().click();
  await mobile.getByRole("textbox", { name: /Nachricht an/ }).waitFor();
  await mobile.waitForTimeout(500);
  await shoot(mobile, "console-chat-phone");
  await mobile.getByRole("button", { name: "Besucher", exact: true }).first().click();
  await mobile.waitForTimeout(300);
  await shoot(mobile, "console-info-phone");
  await Promise.all([desk.close(), visitorContext.close(), phone.close()]);
}

try {
  if (onlyConsole) await captureConsole();
  for (const [label, viewport] of onlyConsole ? [] : [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
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
      ["overview", "/dashboard/demo"],
      ["billing", "/dashboard/demo/billing"],
      ["operators", "/dashboard/demo/operators"],
      ["live-chat-settings", "/dashboard/demo/operators/settings"],
      ["conversations", "/dashboard/demo/conversations"],
      ["canned", "/dashboard/demo/operators/canned"],
      ["leads-filtered", "/dashboard/demo/leads?q=nobody&from=2026-01-01"],
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
  if (!onlyConsole) await captureConsole();
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(shots.map((s) => path.relative(process.cwd(), s)).join("\n"));
