import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { xssPayloads } from "../harness/widget-xss-payloads.mjs";
import { logIn, signUp, uniqueEmail, waitForMail } from "./helpers";

/**
 * The console under attack: one visitor per payload, each using it as their name, as the
 * title of the page they are on, as their referrer, in both text fields of the pre-chat form
 * and as their message. The operator's console lists them all in the queue and opens every
 * conversation (transcript and visitor panel). Nothing may run, nothing may become markup,
 * and every payload must be shown exactly as the server stored it.
 * Visitors talk to the real /widget namespace of the e2e server (socket.io-client).
 */
const APP = "http://localhost:3999";
const PASSWORD = "sicheres-passwort-2026";
const PAYLOADS = xssPayloads();
const CONCURRENCY = 6;

/** What the server stores: lead:submit's cleaning (lib/leads/validate-lead.ts), trimmed messages, names cut at 100. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const asText = (v: string) => v.replace(CONTROL, "").replace(/[\r\n\t]+/g, " ").trim();
const asTextarea = (v: string) => v.replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();
const asName = (v: string) => v.trim().slice(0, 100);

type TVisitor = { index: number; payload: string; conversationId: string; socket: Socket };

function ack<T>(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  return socket.timeout(20_000).emitWithAck(event, payload);
}

/**
 * PostgreSQL text cannot hold NUL: the server drops the character from every input
 * (lib/validation/without-nul.ts), so what the console shows is the payload without it.
 * The payloads go in with their NULs.
 */
const storable = (payload: string) => payload.replace(/\u0000/g, "");

async function visitor(botId: string, index: number, original: string): Promise<TVisitor> {
  const payload = storable(original);
  const socket = io(`${APP}/widget`, {
    path: "/socket.io/",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: { botId, locale: "de-DE", page: { url: `https://shop.example/produkte?i=${index}`, title: payload.slice(0, 300), referrer: original } },
  });
  const session = await new Promise<{ conversation: { id: string } }>((resolve, reject) => {
    socket.once("session", resolve);
    socket.once("connect_error", reject);
  });
  const steps: [string, unknown][] = [
    ["lead:submit", { kind: "prechat", fields: { name: original, email: `besucher${index}@example.com`, anliegen: original } }],
    ["visitor:update", { name: original }],
    ["handoff:request", {}],
    ["message:send", { text: original, clientMessageId: `xss-${index}-${randomBytes(6).toString("hex")}` }],
  ];
  for (const [event, body] of steps) {
    const res = await ack<{ status?: string }>(socket, event, body);
    expect(res.ok, `${event} for payload ${index}: ${JSON.stringify(res.error)}`).toBe(true);
    if (event === "handoff:request") expect(res.data?.status, `handoff of payload ${index}`).toBe("queued");
  }
  return { index, payload, conversationId: session.conversation.id, socket };
}

/** Everything that must never appear in the console, collected in one pass (runs in the page). */
function scan(baseline: Record<string, number>) {
  const tags = Object.keys(baseline);
  const grown = tags.filter((tag) => document.getElementsByTagName(tag).length > baseline[tag]!).map((tag) => `${tag}: ${baseline[tag]} → ${document.getElementsByTagName(tag).length}`);
  const handlers = Array.from(document.querySelectorAll("*")).flatMap((el) => el.getAttributeNames().filter((n) => n.toLowerCase().startsWith("on")).map((n) => `${el.tagName}[${n}]`));
  const badLinks = Array.from(document.querySelectorAll("a[href]"), (a) => (a as HTMLAnchorElement).href).filter((href) => !/^(https?:|mailto:)/.test(href));
  const console = document.querySelector("[data-console]") ?? document.body;
  const foreignSvg = Array.from(console.querySelectorAll("svg")).filter((svg) => svg.getAttribute("aria-hidden") !== "true").length;
  const textWithMarkup = Array.from(document.querySelectorAll('[data-testid="message-text"], [data-testid="queue-name"], [data-testid="chat-title"], [data-testid="prechat-fields"] dd')).filter((el) => el.children.length > 0).length;
  return { grown, handlers, badLinks, foreignSvg, textWithMarkup, xss: (window as unknown as { __xss?: unknown }).__xss };
}

const WATCHED = ["script", "iframe", "frame", "img", "object", "embed", "base", "meta", "link", "style", "form", "math", "video", "audio", "details", "marquee", "template", "select"];

async function clean(page: Page, baseline: Record<string, number>, dialogs: string[]) {
  const found = await page.evaluate(scan, baseline);
  expect(found.xss).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(found.handlers).toEqual([]);
  expect(found.badLinks).toEqual([]);
  expect(found.foreignSvg).toBe(0);
  expect(found.textWithMarkup).toBe(0);
  return found;
}

test.use({ trace: "off" });

test(`${PAYLOADS.length} XSS payloads as visitor names, page titles, referrers, pre-chat fields and messages stay text in the console`, async ({ page }) => {
  test.setTimeout(420_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // Owner, bot with a pre-chat form (name, email, a free-text field), a patient queue.
  const email = uniqueEmail("xss");
  await signUp(page, { name: "Xaver Sicher", email, password: PASSWORD, workspace: "XSS Werkstatt" });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await logIn(page, email, PASSWORD);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await page.getByRole("link", { name: "Bots" }).first().click();
  await page.getByRole("button", { name: "Bot erstellen" }).first().click();
  await page.getByLabel("Name").fill("Werkstatt-Hilfe");
  await page.getByRole("dialog").getByRole("button", { name: "Bot erstellen" }).click();
  await expect(page.getByRole("heading", { name: "Werkstatt-Hilfe" })).toBeVisible();
  await page.getByRole("link", { name: "Widget", exact: true }).click();
  const botId = (await page.getByText(/data-bot="bot_/).first().innerText()).match(/data-bot="(bot_[A-Za-z0-9_-]{16})"/)?.[1] ?? "";
  expect(botId).not.toBe("");
  await page.getByRole("switch", { name: "Vorab-Formular anzeigen" }).check();
  await page.getByRole("button", { name: "Name + E-Mail" }).click();
  await page.getByLabel("Typ des neuen Felds").selectOption("textarea");
  await page.getByRole("button", { name: "Feld hinzufügen" }).click();
  const concern = page.getByRole("group", { name: "Feld 3 · Text (mehrzeilig)" });
  await concern.getByLabel("Beschriftung (Deutsch)").fill("Anliegen");
  await concern.getByLabel("Beschriftung (Englisch)").fill("Concern");
  await page.getByRole("button", { name: "Vorab-Formular speichern" }).click();
  await expect(page.getByText("Vorab-Formular gespeichert.")).toBeVisible();
  await page.goto(`/dashboard/${slug}/operators/settings`);
  await page.getByLabel("Wartezeit in der Warteschlange").fill("3600");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Live-Chat-Einstellungen gespeichert.")).toBeVisible();

  // The console, online; what it contains before any visitor arrives.
  await page.goto(`/dashboard/${slug}/console`);
  await expect(page.getByTestId("connection-state")).toHaveText("Verbunden");
  await expect(page.getByText("Keine wartenden Chats")).toBeVisible();
  const baseline = await page.evaluate((tags) => Object.fromEntries(tags.map((tag) => [tag, document.getElementsByTagName(tag).length])), WATCHED);

  // Every payload arrives as a visitor.
  const visitors: TVisitor[] = [];
  for (let at = 0; at < PAYLOADS.length; at += CONCURRENCY) {
    visitors.push(...(await Promise.all(PAYLOADS.slice(at, at + CONCURRENCY).map((payload, i) => visitor(botId, at + i, payload)))));
  }
  try {
    // The queue lists all of them, names and last messages as typed.
    await expect(page.locator("[data-conversation-id]")).toHaveCount(PAYLOADS.length, { timeout: 60_000 });
    const listed = await page.evaluate(() =>
      Object.fromEntries(Array.from(document.querySelectorAll("[data-conversation-id]"), (row) => [row.getAttribute("data-conversation-id"), row.querySelector('[data-testid="queue-name"]')?.textContent ?? null])),
    );
    for (const v of visitors) expect(listed[v.conversationId], `queue name of payload ${v.index}`).toBe(asName(v.payload));
    await clean(page, baseline, dialogs);

    // Each conversation opened: title, transcript and visitor panel show the text, inert.
    for (const v of visitors) {
      await page.locator(`[data-conversation-id="${v.conversationId}"] > button`).click();
      const view = page.locator(`[data-chat-view="${v.conversationId}"]`);
      await expect(view.locator('[data-role="visitor"] [data-testid="message-text"]')).toHaveCount(1);
      const shown = await page.evaluate((id) => {
        const view = document.querySelector(`[data-chat-view="${id}"]`)!;
        const panel = document.querySelector(`[data-visitor-panel="${id}"]`);
        const fields = Object.fromEntries(Array.from(panel?.querySelectorAll('[data-testid="prechat-fields"] > div') ?? [], (row) => [row.querySelector("dt")?.textContent, row.querySelector("dd")?.textContent]));
        return {
          title: view.querySelector('[data-testid="chat-title"]')?.textContent,
          message: view.querySelector('[data-role="visitor"] [data-testid="message-text"]')?.textContent,
          page: panel?.querySelector('[data-testid="current-page"]')?.textContent ?? "",
          fields,
        };
      }, v.conversationId);
      expect(shown.title, `title of payload ${v.index}`).toBe(asName(v.payload));
      expect(shown.message, `message of payload ${v.index}`).toBe(v.payload.trim());
      expect(shown.fields, `pre-chat fields of payload ${v.index}`).toMatchObject({ name: asText(v.payload), anliegen: asTextarea(v.payload) });
      expect(shown.page, `page title of payload ${v.index}`).toContain(v.payload.slice(0, 300).trim().slice(0, 40));
      if (v.index % 25 === 0) await clean(page, baseline, dialogs);
      await page.locator('[role="tablist"][aria-label="Offene Chats"] [aria-selected="true"] + button').click();
    }
    // Give anything that slipped through (timers, load and error events) a moment to run.
    await page.waitForTimeout(500);
    await clean(page, baseline, dialogs);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  } finally {
    for (const v of visitors) v.socket.disconnect();
  }
});
