import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { startWidgetHarness } from "../harness/widget-harness.mjs";
import { hostileCitationUrls, xssPayloads } from "../harness/widget-xss-payloads.mjs";
import { typeIntoFrame } from "./helpers";

/**
 * The chat frame under attack: every payload goes in as a visitor message, and the fake
 * server answers each with the same payload as the bot's text, streamed in `bot:delta`
 * chunks cut at awkward places (inside tags, entities and surrogate pairs), with citations
 * whose titles and URLs carry payloads too. Nothing may run, and nothing may become markup.
 * Runs against the widget harness (its own free ports and build), not the app server.
 */
const PAYLOADS = xssPayloads();
const CHUNK_SIZES = [1, 3, 2, 5, 1, 7, 4, 2];
const ALLOWED_LINK_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"];

function awkwardChunks(text: string): string[] {
  const chunks: string[] = [];
  for (let at = 0, step = 0; at < text.length; step++) {
    const size = CHUNK_SIZES[step % CHUNK_SIZES.length] as number;
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

function answer(question: string) {
  const index = Math.max(0, PAYLOADS.findIndex((payload) => payload.trim() === question));
  const urls = hostileCitationUrls(question);
  return {
    text: `${question}\n\nMehr dazu [1] [2].`,
    citations: [
      { n: 1, title: question, url: urls[index % urls.length] as string, sourceId: "src_1" },
      { n: 2, title: `<img src=x onerror=window.__xss=1>${index}`, url: urls[(index + 4) % urls.length] as string, sourceId: "src_2" },
    ],
  };
}

// Nearly 600 actions on a growing conversation: a trace would snapshot the whole DOM after
// each one and take longer than the test. The assertions list every offending tag or link.
test.use({ trace: "off" });

let harness: Awaited<ReturnType<typeof startWidgetHarness>>;
let outdir = "";

test.beforeAll(async () => {
  outdir = await mkdtemp(path.join(os.tmpdir(), "chatwerk-xss-"));
  harness = await startWidgetHarness({ outdir, answerDelayMs: 0, answer, chunk: awkwardChunks });
});

test.afterAll(async () => {
  await harness?.close();
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

function chatFrame(page: Page): Frame {
  const frame = page.frames().find((item) => item.url().startsWith(`${harness.appOrigin}/chat/`));
  if (!frame) throw new Error("the chat frame is missing");
  return frame;
}

/** What must never exist inside the frame, collected in one pass (runs in the frame). */
function findInjections(allowedProtocols: string[]) {
  const list = document.querySelector(".cw-list");
  const inList = (selector: string) => (list ? Array.from(list.querySelectorAll(selector)) : []);
  const protocolOf = (href: string) => {
    try {
      return new URL(href).protocol;
    } catch {
      return "invalid:";
    }
  };
  const hrefs = Array.from(document.querySelectorAll("a[href]"), (anchor) => (anchor as HTMLAnchorElement).href);
  return {
    hasList: list !== null,
    forbidden: inList("script, iframe, img, svg, math, object, embed, frame, frameset, base, meta, link, style, form, input").map((element) => element.tagName),
    handlers: inList("*").flatMap((element) => element.getAttributeNames().filter((name) => name.toLowerCase().startsWith("on")).map((name) => `${element.tagName}[${name}]`)),
    links: hrefs.length,
    badLinks: hrefs.filter((href) => !allowedProtocols.includes(protocolOf(href))),
    xss: (window as unknown as { __xss?: unknown }).__xss,
  };
}

test(`${PAYLOADS.length} XSS payloads, as visitor messages and as streamed answers with citations, stay text`, async ({ page }) => {
  test.setTimeout(60_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await page.goto(harness.hostUrl());
  await page.locator("[data-chatwerk] button").click();
  const frameLocator = page.frameLocator("[data-chatwerk] iframe");
  const input = frameLocator.locator("#cw-input");
  // The first one through the checked helper: its real click also moves the browser's own
  // focus into the cross-origin frame, where `fill` and Enter are delivered (a CI run once
  // delivered none of the 290 without it).
  await typeIntoFrame(input, PAYLOADS[0]!);
  await input.press("Enter");
  for (const payload of PAYLOADS.slice(1)) {
    await input.fill(payload);
    await input.press("Enter");
  }

  await expect(frameLocator.locator(".cw-me")).toHaveCount(PAYLOADS.length, { timeout: 20_000 });
  await expect(frameLocator.locator(".cw-sources")).toHaveCount(PAYLOADS.length, { timeout: 20_000 });
  await expect(frameLocator.locator(".cw-fail, .cw-sending")).toHaveCount(0);
  // Give anything that slipped through (timers, load and error events) a moment to run.
  await page.waitForTimeout(500);

  const found = await chatFrame(page).evaluate(findInjections, ALLOWED_LINK_PROTOCOLS);
  expect(found.xss).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(found.hasList).toBe(true);
  expect(found.forbidden).toEqual([]);
  expect(found.handlers).toEqual([]);
  // Citations with safe URLs and the branding link exist, so the link check is not vacuous.
  expect(found.links).toBeGreaterThan(100);
  expect(found.badLinks).toEqual([]);

  // The visitor's text is shown exactly as typed: escaped, not stripped.
  const shown = await frameLocator.locator(".cw-me .cw-bubble").allTextContents();
  expect(shown).toEqual(PAYLOADS.map((payload) => payload.trim()));
});
