/**
 * Screenshots of the widget on the harness's host page, desktop and phone, into
 * screenshots/widget/: closed launcher, open greeting with suggestions, the typing
 * indicator, a streamed answer with citations and a link, the offline banner, and a
 * second bot (light brand colour, left, no branding).
 *
 *   node tests/harness/widget-screenshots.mjs
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH, startWidgetHarness } from "./widget-harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "screenshots/widget");

const VIEWPORTS = [
  { name: "desktop", contextOptions: { viewport: { width: 1280, height: 800 }, locale: "de-DE" } },
  { name: "phone", contextOptions: { viewport: { width: 390, height: 844 }, locale: "en-US", isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
];

async function openWidget(page, url) {
  await page.goto(url);
  const launcher = page.locator("[data-chatwerk] button");
  await launcher.waitFor();
  return launcher;
}

async function capture(browser, harness, { name, contextOptions }) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => ["error", "warning"].includes(message.type()) && problems.push(message.text()));
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  const shot = (step) => page.screenshot({ path: path.join(outDir, `${name}-${step}.png`) });
  const frame = page.frameLocator("[data-chatwerk] iframe");

  const launcher = await openWidget(page, harness.hostUrl());
  await shot("1-closed");

  await launcher.click();
  await frame.locator(".cw-chip").first().waitFor();
  await page.waitForTimeout(300);
  await shot("2-greeting");

  await frame.locator(".cw-chip").first().click();
  await frame.locator(".cw-typing").first().waitFor();
  await shot("3-typing");
  await frame.locator(".cw-sources").waitFor({ timeout: 15_000 });
  await page.waitForTimeout(200);
  await shot("4-answer");

  harness.setOffline(true);
  await frame.locator(".cw-banner-off").waitFor({ timeout: 15_000 });
  await shot("5-offline");
  harness.setOffline(false);
  // The client may reconnect on its own before the button is clicked.
  await frame.locator(".cw-banner-off button").click({ timeout: 2000 }).catch(() => undefined);
  await frame.locator(".cw-banner").waitFor({ state: "detached", timeout: 15_000 });
  const events = await page.evaluate(() => window.chatwerkEvents.map((event) => event.name));

  // A light brand colour on the left, no branding, owner-overridden placeholder.
  const variantLauncher = await openWidget(page, harness.hostUrl("?bot=bot_left"));
  await variantLauncher.click();
  await frame.locator("#cw-input").fill("Kann ich etwas zurückgeben?");
  await frame.locator("#cw-input").press("Enter");
  await frame.locator(".cw-sources").waitFor({ timeout: 15_000 });
  await page.waitForTimeout(200);
  await shot("6-variant");

  await context.close();
  return { problems, events };
}

const harness = await startWidgetHarness();
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  await mkdir(outDir, { recursive: true });
  for (const viewport of VIEWPORTS) {
    const { problems, events } = await capture(browser, harness, viewport);
    console.log(`${viewport.name}: host events ${events.join(", ")}`);
    for (const problem of problems) console.log(`  console: ${problem}`);
  }
  console.log(`screenshots in ${path.relative(root, outDir)}/`);
} finally {
  await browser.close();
  await harness.close();
}
