import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { logIn, signUp, typeIntoFrame, uniqueEmail, waitForMail } from "./helpers";

/**
 * The widget on a customer's site: a host page on another origin (served here) loads
 * /widget.js; a visitor opens the chat, asks, and gets the offline bot's streamed answer
 * from the owner's Q&A with a citation; the conversation survives a reload; ending the chat
 * clears the frame's storage. Nothing is stored before the visitor interacts.
 */
const APP = "http://localhost:3999";

let host: http.Server;
let hostUrl: string;
let botPublicId = "";

test.beforeAll(async () => {
  host = http.createServer((req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Radladen Müller</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family: system-ui; margin: 40px"><h1>Radladen Müller</h1><p>Willkommen in unserem Shop.</p>
<script src="${APP}/widget.js" data-bot="${botPublicId}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/shop`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => host.close(() => resolve()));
});

async function chatFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${APP}/chat/`))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${APP}/chat/`))!;
}

test("a visitor chats with the bot on another site", async ({ page, browser }) => {
  const email = uniqueEmail("widget");
  const password = "sicheres-passwort-2026";
  await signUp(page, { name: "Wanda Widget", email, password, workspace: "Radladen Müller" });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await logIn(page, email, password);
  await page.getByRole("link", { name: "Bots" }).first().click();
  await page.getByRole("button", { name: "Bot erstellen" }).first().click();
  await page.getByLabel("Name").fill("Laden-Hilfe");
  await page.getByRole("dialog").getByRole("button", { name: "Bot erstellen" }).click();
  await expect(page.getByRole("heading", { name: "Laden-Hilfe" })).toBeVisible();
  await page.getByRole("button", { name: "Fragen & Antworten" }).click();
  await page.getByLabel("Frage 1").fill("Liefern Sie auch nach Österreich?");
  await page.getByLabel("Antwort 1").fill("Ja, die Lieferung nach Österreich dauert drei bis fünf Werktage und kostet 9,90 Euro.");
  await page.getByRole("dialog").getByRole("button", { name: "Hinzufügen" }).click();
  await expect(page.getByRole("row", { name: /Q&A/ }).getByText("Bereit")).toBeVisible({ timeout: 20_000 });
  // The embed snippet on the widget tab carries the public id.
  await page.getByRole("link", { name: "Widget", exact: true }).click();
  const snippet = page.getByText(/data-bot="bot_/).first();
  await expect(snippet).toBeVisible();
  botPublicId = (await snippet.innerText()).match(/data-bot="(bot_[A-Za-z0-9_-]{16})"/)?.[1] ?? "";
  expect(botPublicId).not.toBe("");

  // A visitor in a fresh browser context on the shop's own origin.
  const visitor = await browser.newContext({ locale: "de-DE" });
  const shop = await visitor.newPage();
  await shop.goto(hostUrl);
  const launcher = shop.getByRole("button", { name: "Chat öffnen" });
  await expect(launcher).toBeVisible();
  // Before any interaction nothing is stored, on the shop's origin or ours.
  const stored = () => shop.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("chatwerk")).length);
  expect(await stored()).toBe(0);

  await launcher.click();
  const frame = await chatFrame(shop);
  await expect(frame.getByText("Hallo! Wie können wir helfen?")).toBeVisible();
  await typeIntoFrame(frame.getByLabel("Ihre Nachricht"), "Wie lange dauert der Versand nach Österreich?");
  await frame.getByRole("button", { name: "Senden" }).click();
  // The answer also goes to the ARIA live region, hence .first().
  await expect(frame.getByText(/drei bis fünf Werktage/).first()).toBeVisible({ timeout: 15_000 });
  // Cited: the Q&A pair it came from is listed under "Quellen".
  await expect(frame.getByText("Quellen")).toBeVisible();
  await expect(frame.getByRole("listitem").filter({ hasText: /^\s*Liefern Sie auch nach Österreich\?\s*$/ })).toHaveCount(1);
  // This Chromium gives a cross-site frame no storage: the loader keeps the session on the host page.
  await expect.poll(stored).toBe(1);

  // Reload: the same conversation comes back, once.
  await shop.reload();
  await shop.getByRole("button", { name: /Chat (öffnen|schließen)/ }).first().click().catch(() => undefined);
  const again = await chatFrame(shop);
  await expect(again.getByText("Wie lange dauert der Versand nach Österreich?")).toHaveCount(1);
  await expect(again.getByText(/drei bis fünf Werktage/).first()).toBeVisible();
  await expect(again.getByRole("listitem").filter({ hasText: /^\s*Liefern Sie auch nach Österreich\?\s*$/ })).toHaveCount(1);

  // Ending the chat clears the frame's data.
  await again.getByRole("button", { name: "Chat beenden" }).click();
  await again.getByRole("alertdialog").getByRole("button", { name: "Beenden", exact: true }).click();
  await expect.poll(stored).toBe(0);
  await visitor.close();

  // The full-page chat (a direct link, e.g. from an email) works without any host page.
  const direct = await browser.newContext({ locale: "de-DE" });
  const full = await direct.newPage();
  await full.goto(`${APP}/chat/${botPublicId}`);
  await full.getByLabel("Ihre Nachricht").fill("Liefern Sie nach Österreich?");
  await full.getByRole("button", { name: "Senden" }).click();
  await expect(full.getByText(/drei bis fünf Werktage/).first()).toBeVisible({ timeout: 15_000 });
  await direct.close();

  // The owner limits the widget to another domain: the shop's origin is refused.
  await page.getByRole("link", { name: "Einstellungen" }).first().click();
  await page.getByLabel("Erlaubte Website-Domains").fill("example.com");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Einstellungen gespeichert.")).toBeVisible();
  const refused = await browser.newContext({ locale: "de-DE" });
  const other = await refused.newPage();
  const warnings: string[] = [];
  other.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  await other.goto(hostUrl);
  await expect.poll(() => warnings.some((w) => /chatwerk/i.test(w))).toBe(true);
  await expect(other.getByRole("button", { name: "Chat öffnen" })).toHaveCount(0);
  const frameResponse = await other.request.get(`${APP}/chat/${botPublicId}?origin=${encodeURIComponent(new URL(hostUrl).origin)}`);
  expect(frameResponse.status()).toBe(403);
  await refused.close();
});
