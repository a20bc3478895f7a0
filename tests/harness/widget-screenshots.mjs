/**
 * Screenshots of the widget on the harness's host page, desktop (German) and phone
 * (English), into screenshots/widget/: closed launcher, greeting with suggestions, typing,
 * a streamed answer with citations, the offline banner, a second bot (light colour, left),
 * the conversation restored after a reload from the host page's fallback store, the
 * message limits (rate limit, too long), the "leave a message" form (errors, thanks) and a
 * bot's pre-chat form (empty, errors, answered). Along the way it checks what screenshots
 * cannot show: where the token is stored, single-page navigation, an unknown bot.
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

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

async function openWidget(page, url) {
  await page.goto(url);
  const launcher = page.locator("[data-chatwerk] button");
  await launcher.waitFor();
  return launcher;
}

/** The first visit: greeting, a streamed answer, the offline banner. */
async function chatSteps({ page, frame, shot, harness }) {
  const launcher = await openWidget(page, harness.hostUrl());
  await shot("1-closed");
  check((await page.evaluate(() => localStorage.length)) === 0, "nothing stored before the first interaction");

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
}

/** The frame has no storage in this browser: the token lives on the host page and survives a reload. */
async function fallbackSteps({ page, frame, shot, harness }) {
  const frameStorage = await page.frames().find((item) => item.url().includes("/chat/"))?.evaluate(() => {
    try {
      return window.localStorage.length >= 0 ? "usable" : "usable";
    } catch {
      return "blocked";
    }
  });
  const token = await page.evaluate(() => localStorage.getItem("chatwerk:bot_demo"));
  console.log(`  frame storage: ${frameStorage}; host page token: ${token ? `${token.length} chars` : "none"}`);
  if (frameStorage === "blocked") check(/^[\w-]{43}$/.test(token ?? ""), "the host page keeps the session token");

  await page.reload();
  await page.locator("[data-chatwerk] button").click();
  await frame.locator(".cw-sources").waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  check((await frame.locator(".cw-me").count()) === 1, "the restored conversation shows the question once");
  await shot("7-restored");

  // Single-page navigation reaches the server as a `page` event (on a phone the open chat covers the link).
  await page.evaluate(() => document.querySelector("header a[data-spa]")?.click());
  const session = harness.sessions.get(token);
  await page.waitForTimeout(800);
  const last = session?.pages.at(-1);
  console.log(`  page after pushState: ${last?.url} "${last?.title}"`);
  check(!session || (last?.url.endsWith("/stiefel?bot=bot_demo") && last.title.startsWith("Stiefel")), "pushState is reported as a page event");
}

/** A rate-limited message (kept, failed, with retry) and a message over the length limit. */
async function limitSteps({ frame, shot, page }) {
  await frame.locator("#cw-input").fill("/ratelimit Kann ich auch per Rechnung zahlen?");
  await frame.locator("#cw-input").press("Enter");
  await frame.locator(".cw-fail").waitFor();
  await frame.locator("#cw-input").fill("Sehr lange Nachricht. ".repeat(190));
  await frame.locator("#cw-too-long").waitFor();
  await page.waitForTimeout(200);
  await shot("8-limits");
  await frame.locator("#cw-input").fill("");
  await frame.locator(".cw-fail button").click();
  await frame.locator(".cw-fail").waitFor({ state: "detached" });
  await frame.locator(".cw-sources").nth(1).waitFor({ timeout: 15_000 });
}

/** "Leave a message": a client-side check, a submit the server refuses, the thank-you notice. */
async function leaveSteps({ frame, shot, page }) {
  await frame.locator(".cw-leave-btn").click();
  await frame.locator("#cw-leave-email").waitFor();
  await frame.locator(".cw-form button[type=submit]").click();
  await frame.locator(".cw-form .cw-error").first().waitFor();
  check(await frame.locator("#cw-leave-email").evaluate((element) => element === document.activeElement), "the first invalid field gets focus");
  await frame.locator("#cw-leave-name").fill("Erika Muster");
  await frame.locator("#cw-leave-email").fill("erika@example.com");
  await frame.locator("#cw-leave-message").fill("Bitte rufen Sie mich morgen zurück. /leadfail");
  await frame.locator(".cw-form button[type=submit]").click();
  await frame.locator("#cw-leave-message[aria-invalid=true]").waitFor();
  await page.waitForTimeout(200);
  await shot("9-leave-refused");
  await frame.locator("#cw-leave-message").fill("Bitte rufen Sie mich morgen Vormittag zurück.");
  await frame.locator(".cw-form button[type=submit]").click();
  await frame.locator(".cw-notice").waitFor();
  await page.waitForTimeout(200);
  await shot("10-leave-thanks");
}

/** A bot with a pre-chat form: empty, with errors, answered (the chat follows). */
async function preChatSteps({ page, frame, shot, harness }) {
  const launcher = await openWidget(page, harness.hostUrl("?bot=bot_form"));
  await launcher.click();
  await frame.locator("#cw-pre-name").waitFor();
  await page.waitForTimeout(300);
  await shot("11-prechat");
  await frame.locator("#cw-pre-name").fill("Max Weber");
  await frame.locator("#cw-pre-email").fill("max@");
  await frame.locator("#cw-pre-phone").fill("12");
  await frame.locator(".cw-form button[type=submit]").click();
  await frame.locator(".cw-form-error").waitFor();
  check((await page.evaluate(() => localStorage.getItem("chatwerk:bot_form"))) === null, "an invalid form stores nothing");
  await shot("12-prechat-errors");
  await frame.locator("#cw-pre-email").fill("max@example.com");
  await frame.locator("#cw-pre-phone").fill("+49 30 1234567");
  await frame.locator("#cw-pre-department").selectOption({ index: 2 });
  await frame.locator(".cw-form button[type=submit]").click();
  await frame.locator("#cw-input").waitFor();
  await frame.locator("#cw-input").fill("Ich habe eine Frage zu meinem Mietvertrag.");
  await frame.locator("#cw-input").press("Enter");
  await frame.locator(".cw-sources").waitFor({ timeout: 15_000 });
  await page.waitForTimeout(200);
  await shot("13-prechat-done");
}

async function capture(browser, harness, { name, contextOptions }) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => ["error", "warning"].includes(message.type()) && problems.push(message.text()));
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
  const steps = {
    page,
    harness,
    frame: page.frameLocator("[data-chatwerk] iframe"),
    shot: (step) => page.screenshot({ path: path.join(outDir, `${name}-${step}.png`) }),
  };

  await chatSteps(steps);
  await fallbackSteps(steps);
  await limitSteps(steps);
  await leaveSteps(steps);
  const events = await page.evaluate(() => window.chatwerkEvents.map((event) => event.name));

  // Ending the chat clears the host page's copy of the token too.
  // Chromium's phone emulation (device scale 2) at times halves mouse coordinates inside the
  // cross-site frame after a reload (events land at x/2, y/2), so these two are DOM clicks.
  await steps.frame.getByRole("button", { name: /Chat beenden|End chat/ }).evaluate((button) => button.click());
  await steps.frame.locator(".cw-btn-danger").evaluate((button) => button.click());
  await page.waitForTimeout(300);
  check((await page.evaluate(() => localStorage.getItem("chatwerk:bot_demo"))) === null, "ending the chat clears the host page's store");

  // A light brand colour on the left, no branding, owner-overridden placeholder.
  const variantLauncher = await openWidget(page, harness.hostUrl("?bot=bot_left"));
  await variantLauncher.click();
  await steps.frame.locator("#cw-input").fill("Kann ich etwas zurückgeben?");
  await steps.frame.locator("#cw-input").press("Enter");
  await steps.frame.locator(".cw-sources").waitFor({ timeout: 15_000 });
  await page.waitForTimeout(200);
  await steps.shot("6-variant");

  await preChatSteps(steps);
  await context.close();
  return { problems, events };
}

/** Where the frame's storage works (same site), the token stays there and the host page holds nothing. */
async function sameSiteStorage(browser, harness) {
  const page = await browser.newPage();
  await page.goto(harness.sameSiteHostUrl());
  await page.locator("[data-chatwerk] button").click();
  const frame = page.frameLocator("[data-chatwerk] iframe");
  await frame.locator("#cw-input").fill("Hallo");
  await frame.locator("#cw-input").press("Enter");
  await frame.locator(".cw-sources").waitFor({ timeout: 15_000 });
  const inFrame = await page.frames().find((item) => item.url().includes("/chat/"))?.evaluate(() => localStorage.getItem("chatwerk:v1:bot_demo"));
  check(/"sessionId":"[\w-]{43}"/.test(inFrame ?? ""), "the frame keeps the session in its own storage");
  check((await page.evaluate(() => localStorage.length)) === 0, "the host page stores nothing when the frame can");
  console.log("same-site host: the frame keeps the token, the host page stores nothing");
  await page.close();
}

/** An unknown bot: no launcher, exactly one warning that names it. */
async function unknownBot(browser, harness) {
  const page = await browser.newPage();
  const warnings = [];
  page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
  await page.goto(harness.hostUrl("?bot=bot_missing"));
  await page.waitForTimeout(1500);
  check((await page.locator("[data-chatwerk]").count()) === 0, "no launcher for an unknown bot");
  check(warnings.length === 1 && warnings[0].includes("bot_missing"), `one warning naming the bot, got ${JSON.stringify(warnings)}`);
  console.log(`unknown bot: ${warnings[0]}`);
  await page.close();
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
  await sameSiteStorage(browser, harness);
  await unknownBot(browser, harness);
  console.log(`screenshots in ${path.relative(root, outDir)}/`);
} finally {
  await browser.close();
  await harness.close();
}
