import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type Browser, type Frame, type Page } from "@playwright/test";
import { logIn, signUp, typeIntoFrame, uniqueEmail, waitForMail } from "./helpers";

/**
 * The live-chat journey through the operator console, with two browser contexts on two
 * origins: a visitor on a shop page (shop.localhost, which Chromium resolves to this machine)
 * and operators in the console. Handoff from the bot, offer with title badge, accept by
 * keyboard, messages and typing both ways, a canned response via "/", a refused `open:` and an
 * accepted `goto:` that moves the visitor's page, an internal note the visitor never sees,
 * transfer to a second operator, close with a tag, the transcript mail and the rating.
 */
const APP = "http://localhost:3999";
const PASSWORD = "sicheres-passwort-2026";
const OUTBOX = path.resolve("tests/.tmp/e2e-data/outbox");

let host: http.Server;
let shopOrigin = "";
let botPublicId = "";

const PAGES: Record<string, string> = { "/": "Radladen Müller", "/versand": "Versand & Lieferung" };

test.beforeAll(async () => {
  host = http.createServer((req, res) => {
    const title = PAGES[new URL(req.url ?? "/", "http://x").pathname] ?? "Radladen Müller";
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family: system-ui; margin: 40px"><h1>${title}</h1><p>Willkommen in unserem Shop.</p>
<script src="${APP}/widget.js" data-bot="${botPublicId}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  shopOrigin = `http://shop.localhost:${(host.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => host.close(() => resolve()));
});

async function verifiedUser(page: Page, input: { name: string; email: string; workspace?: string }) {
  await signUp(page, { ...input, password: PASSWORD });
  const { link } = await waitForMail(input.email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await page.goto(link);
  await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigt" })).toBeVisible();
  await logIn(page, input.email, PASSWORD);
}

async function chatFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${APP}/chat/`))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${APP}/chat/`))!;
}

/** The widget's "talk to a human": the button under the conversation, or the header menu's entry. */
async function askForHuman(frame: Frame) {
  const button = frame.getByRole("button", { name: "Mit einem Menschen sprechen" });
  const menu = frame.getByRole("button", { name: "Weitere Optionen" });
  await expect(button.or(menu).first()).toBeVisible();
  if (await button.count()) {
    await button.first().click();
    return;
  }
  await menu.click();
  await frame.getByRole("menuitem", { name: "Mit einem Menschen sprechen" }).click();
}

/** Mails in the e2e server's outbox to `to` whose subject matches. */
function mailsTo(to: string, subject: RegExp): { subject: string; text: string }[] {
  let files: string[] = [];
  try {
    files = readdirSync(OUTBOX).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .map((f) => {
      try {
        return JSON.parse(readFileSync(path.join(OUTBOX, f), "utf8")) as { to: string; subject: string; text: string };
      } catch {
        return null;
      }
    })
    .filter((m): m is { to: string; subject: string; text: string } => m !== null && m.to === to && subject.test(m.subject));
}

async function openConsole(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await logIn(page, email, PASSWORD);
  const slug = new URL(page.url()).pathname.split("/")[2];
  await page.goto(`/dashboard/${slug}/console`);
  await expect(page.getByTestId("connection-state")).toHaveText("Verbunden");
  return page;
}

test("operators take a chat from the bot, help the visitor, hand it over and close it", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const ownerEmail = uniqueEmail("olga");
  await verifiedUser(page, { name: "Olga Owner", email: ownerEmail, workspace: "Radladen Konsole" });
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const base = `/dashboard/${slug}`;

  // A bot with one answer, the shop's domain, transcripts to the team, a canned response.
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
  await page.getByRole("link", { name: "Widget", exact: true }).click();
  const snippet = page.getByText(/data-bot="bot_/).first();
  botPublicId = (await snippet.innerText()).match(/data-bot="(bot_[A-Za-z0-9_-]{16})"/)?.[1] ?? "";
  expect(botPublicId).not.toBe("");

  await page.goto(`${base}/settings`);
  await page.getByLabel("Erlaubte Website-Domains").fill("shop.localhost");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Einstellungen gespeichert.")).toBeVisible();

  await page.goto(`${base}/operators/settings`);
  await page.getByRole("switch", { name: "Alle Protokolle an das Team" }).click();
  const teamMail = uniqueEmail("team");
  await page.getByLabel("E-Mail-Adressen").fill(teamMail);
  await page.getByLabel("E-Mail-Adressen").press("Enter");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Live-Chat-Einstellungen gespeichert.")).toBeVisible();

  await page.goto(`${base}/operators/canned`);
  await page.getByRole("button", { name: "Neuer Textbaustein" }).click();
  const cannedDialog = page.getByRole("dialog");
  await cannedDialog.getByLabel("Kürzel").fill("versand");
  await cannedDialog.getByLabel("Titel").fill("Versandkosten");
  await cannedDialog.getByLabel("Text", { exact: true }).fill("Der Versand kostet 4,90 Euro, ab 50 Euro liefern wir kostenlos.");
  await cannedDialog.getByRole("button", { name: "Anlegen" }).click();
  await expect(page.getByText("Textbaustein angelegt.")).toBeVisible();

  // A second operator joins through an invitation.
  await page.goto(`${base}/members`);
  const benEmail = uniqueEmail("ben");
  await page.getByLabel("E-Mail-Adresse").fill(benEmail);
  await page.getByRole("button", { name: "Einladung senden" }).click();
  const { link: invite } = await waitForMail(benEmail, /http:\/\/\S+\/invite\/\S+/);
  const benSignup = await browser.newContext({ locale: "de-DE" });
  const benPage = await benSignup.newPage();
  await benPage.goto(invite);
  await benPage.getByRole("link", { name: /Konto erstellen/ }).click();
  await benPage.getByLabel("Name", { exact: true }).fill("Ben Berater");
  await benPage.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
  await benPage.getByRole("button", { name: /Konto erstellen/ }).click();
  await expect(benPage.getByRole("heading", { name: "Ihr Konto ist bereit" })).toBeVisible();
  await benSignup.close();

  // The owner opens the console: online, nothing waiting.
  const olga = await openConsole(browser, ownerEmail);
  await expect(olga.getByRole("button", { name: "Ihr Status: Online. Ändern" })).toBeVisible();
  await expect(olga.getByText("Keine wartenden Chats")).toBeVisible();
  await expect(olga.getByText("Kein Chat geöffnet")).toBeVisible();

  // The visitor asks the bot, then for a human.
  const visitorContext = await browser.newContext({ locale: "de-DE" });
  const shop = await visitorContext.newPage();
  await shop.goto(`${shopOrigin}/?utm=1`);
  await shop.getByRole("button", { name: "Chat öffnen" }).click();
  let frame = await chatFrame(shop);
  await typeIntoFrame(frame.getByLabel("Ihre Nachricht"), "Liefern Sie auch nach Österreich?");
  await frame.getByRole("button", { name: "Senden" }).click();
  await expect(frame.getByText(/drei bis fünf Werktage/).first()).toBeVisible({ timeout: 15_000 });
  await askForHuman(frame);
  await expect(frame.getByText(/Warteschlange|Einen Moment/).first()).toBeVisible();

  // The console offers it: badge in the tab title, the request in "Für Sie"; Alt+A accepts.
  const offers = olga.getByRole("region", { name: "Für Sie" });
  await expect(offers.getByRole("button", { name: /Besucher #/ })).toBeVisible();
  await expect(olga).toHaveTitle(/^\(1\) /);
  await olga.keyboard.press("Alt+A");
  await expect(olga.getByTestId("chat-status")).toHaveText("Bei Ihnen");
  await expect(olga).not.toHaveTitle(/^\(\d+\) /);
  // The whole conversation, the bot's part included; the visitor panel knows the page.
  const transcript = olga.getByRole("region", { name: "Gespräch", exact: true });
  await expect(transcript.locator('[data-role="visitor"]').getByText("Liefern Sie auch nach Österreich?")).toBeVisible();
  await expect(transcript.locator('[data-role="bot"]').getByText(/drei bis fünf Werktage/)).toBeVisible();
  await expect(olga.getByTestId("current-page")).toContainText("Radladen Müller");
  await expect(frame.getByText(/Sie sind jetzt mit .* verbunden/).first()).toBeVisible();

  // Visitor → operator, with the typing indicator first.
  await frame.getByLabel("Ihre Nachricht").pressSequentially("Und was kostet der Versand innerhalb Deutschlands?", { delay: 5 });
  await expect(olga.getByTestId("typing")).toContainText("schreibt");
  await frame.getByRole("button", { name: "Senden" }).click();
  await expect(transcript.getByText("Und was kostet der Versand innerhalb Deutschlands?")).toBeVisible();
  await expect(olga.getByTestId("typing")).toHaveCount(0);

  // Operator → visitor: typing shows in the widget; the AI suggestion fills the composer.
  const composer = olga.getByRole("textbox", { name: /Nachricht an/ });
  await olga.getByRole("button", { name: "KI-Vorschlag" }).click();
  await expect(composer).not.toHaveValue("");
  await composer.fill("");
  await composer.pressSequentially("Gern, einen Moment", { delay: 5 });
  await expect(frame.locator(".cw-typing")).toBeVisible();
  await composer.press("Enter");
  await expect(frame.getByText("Gern, einen Moment", { exact: true })).toBeVisible();
  await expect(transcript.locator('[data-role="operator"]').getByText("Gern, einen Moment")).toBeVisible();

  // A canned response: "/" opens the picker, Enter inserts it for editing, Enter sends.
  await composer.pressSequentially("/vers");
  await expect(olga.getByRole("option", { name: /\/versand/ })).toBeVisible();
  await composer.press("Enter");
  await expect(composer).toHaveValue("Der Versand kostet 4,90 Euro, ab 50 Euro liefern wir kostenlos.");
  await composer.press("End");
  await composer.pressSequentially(" Viele Grüße!");
  await composer.press("Enter");
  await expect(frame.getByText("Der Versand kostet 4,90 Euro, ab 50 Euro liefern wir kostenlos. Viele Grüße!", { exact: true })).toBeVisible();

  // An internal note stays in the console.
  await olga.getByRole("button", { name: "Interne Notiz" }).click();
  await olga.getByRole("textbox", { name: "Interne Notiz (nur für das Team)" }).fill("Kundin fragt nach Rabatt – Ben kennt die Aktion");
  await olga.getByRole("textbox", { name: "Interne Notiz (nur für das Team)" }).press("Enter");
  await expect(transcript.locator('[data-role="note"]').getByText("Kundin fragt nach Rabatt – Ben kennt die Aktion")).toBeVisible();
  await olga.getByRole("button", { name: "Antwort", exact: true }).click();
  await expect(frame.getByText("Kundin fragt nach Rabatt")).toHaveCount(0);

  // open: to a foreign domain is refused with the reason and kept in the composer; goto: moves the page.
  await composer.fill("open: https://evil.example/login");
  await composer.press("Enter");
  await expect(olga.getByRole("alert").filter({ hasText: "Diese Adresse liegt nicht auf einer erlaubten Website-Domain." })).toBeVisible();
  await expect(composer).toHaveValue("open: https://evil.example/login");
  await composer.fill(`goto: ${shopOrigin}/versand`);
  await expect(olga.getByText(`Befehl: Die Seite des Besuchers wechselt zu ${shopOrigin}/versand`)).toBeVisible();
  await composer.press("Enter");
  await expect(shop).toHaveURL(`${shopOrigin}/versand`);
  await expect(shop.getByRole("heading", { name: "Versand & Lieferung" })).toBeVisible();
  await expect(composer).toHaveValue("");

  // The second operator comes online; the chat goes to him with a note.
  const ben = await openConsole(browser, benEmail);
  await olga.getByRole("button", { name: "Weiterleiten" }).click();
  const transferDialog = olga.getByRole("dialog", { name: "Chat weiterleiten" });
  await transferDialog.getByRole("radio", { name: /Ben Berater/ }).check();
  await transferDialog.getByLabel("Notiz für das Team").fill("Bitte Rabattaktion anbieten");
  await transferDialog.getByRole("button", { name: "Weiterleiten" }).click();
  await expect(olga.getByText("Chat weitergeleitet.")).toBeVisible();
  await expect(olga.getByTestId("chat-status")).toHaveText("Bei Ben Berater");
  await expect(ben.getByTestId("chat-status")).toHaveText("Bei Ihnen");
  const benTranscript = ben.getByRole("region", { name: "Gespräch", exact: true });
  await expect(benTranscript.locator('[data-role="note"]').getByText("Bitte Rabattaktion anbieten")).toBeVisible();
  await expect(benTranscript.getByText("Kundin fragt nach Rabatt – Ben kennt die Aktion")).toBeVisible();

  // The visitor, now on the shipping page, has the chat (open again, or opens it) and talks to Ben.
  const launcher = shop.getByRole("button", { name: /^Chat (öffnen|schließen)/ });
  await expect(launcher).toBeVisible();
  await shop.waitForTimeout(1500);
  if ((await launcher.getAttribute("aria-label"))?.startsWith("Chat öffnen")) await launcher.click();
  await expect(launcher).toHaveAttribute("aria-label", "Chat schließen");
  frame = await chatFrame(shop);
  await expect(frame.getByText(/Ben Berater/).first()).toBeVisible();
  await expect(ben.getByTestId("current-page")).toContainText("Versand & Lieferung");
  const benComposer = ben.getByRole("textbox", { name: /Nachricht an/ });
  await benComposer.fill("Hallo, hier ist Ben. Mit dem Code RAD10 sparen Sie 10 %.");
  await benComposer.press("Enter");
  await expect(frame.getByText("Hallo, hier ist Ben. Mit dem Code RAD10 sparen Sie 10 %.", { exact: true })).toBeVisible();
  await typeIntoFrame(frame.getByLabel("Ihre Nachricht"), "Super, danke!");
  await frame.getByRole("button", { name: "Senden" }).click();
  await expect(benTranscript.getByText("Super, danke!")).toBeVisible();

  // Ben closes with a tag (Alt+W): the transcript goes to the team.
  await ben.keyboard.press("Alt+W");
  const closeDialog = ben.getByRole("dialog", { name: "Chat beenden?" });
  await closeDialog.getByLabel("Schlagwörter").fill("rabatt");
  await closeDialog.getByLabel("Schlagwörter").press("Enter");
  await closeDialog.getByRole("button", { name: "Chat beenden" }).click();
  await expect(ben.getByTestId("chat-status")).toHaveText("Beendet");
  await expect(ben.getByText("Dieser Chat ist beendet.")).toBeVisible();
  await expect.poll(() => mailsTo(teamMail, /Chatprotokoll/).length, { timeout: 15_000 }).toBe(1);
  const mail = mailsTo(teamMail, /Chatprotokoll/)[0]!;
  expect(mail.text).toContain("Und was kostet der Versand innerhalb Deutschlands?");
  expect(mail.text).toContain("Mit dem Code RAD10 sparen Sie 10 %.");
  expect(mail.text).not.toContain("Kundin fragt nach Rabatt");

  // The visitor rates the chat; Ben sees the rating.
  await frame.locator('label[for="cw-star-4"]').click();
  await typeIntoFrame(frame.getByLabel("Ihr Kommentar (freiwillig)"), "Schnell und freundlich");
  await frame.getByRole("button", { name: "Bewertung senden" }).click();
  await expect(frame.getByText("Vielen Dank für Ihre Bewertung!").first()).toBeVisible();
  await expect(ben.getByText("Neue Bewertung: ★★★★☆ – Schnell und freundlich")).toBeVisible();
  await expect(ben.getByTestId("chat-rating")).toContainText("Schnell und freundlich");

  // The keyboard help lists the shortcuts.
  await ben.keyboard.press("?");
  await expect(ben.getByRole("dialog", { name: "Tastenkürzel" }).getByText("Angebotenen Chat annehmen")).toBeVisible();
  await ben.keyboard.press("Escape");
  await expect(ben.getByRole("dialog", { name: "Tastenkürzel" })).toHaveCount(0);

  await visitorContext.close();
  await olga.context().close();
  await ben.context().close();
});

test("an operator sees a visitor live, with the search that brought them, and invites them to chat", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const ownerEmail = uniqueEmail("ines");
  await verifiedUser(page, { name: "Ines Inhaberin", email: ownerEmail, workspace: "Radladen Einladung" });
  const base = `/dashboard/${new URL(page.url()).pathname.split("/")[2]!}`;
  await page.getByRole("link", { name: "Bots" }).first().click();
  await page.getByRole("button", { name: "Bot erstellen" }).first().click();
  await page.getByLabel("Name").fill("Rad-Hilfe");
  await page.getByRole("dialog").getByRole("button", { name: "Bot erstellen" }).click();
  await expect(page.getByRole("heading", { name: "Rad-Hilfe" })).toBeVisible();
  await page.getByRole("link", { name: "Widget", exact: true }).click();
  botPublicId = (await page.getByText(/data-bot="bot_/).first().innerText()).match(/data-bot="(bot_[A-Za-z0-9_-]{16})"/)?.[1] ?? "";
  expect(botPublicId).not.toBe("");
  await page.goto(`${base}/settings`);
  await page.getByLabel("Erlaubte Website-Domains").fill("shop.localhost");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Einstellungen gespeichert.")).toBeVisible();

  const ines = await openConsole(browser, ownerEmail);
  await ines.getByRole("tab", { name: /^Besucher/ }).click();
  await expect(ines.getByText("Gerade keine Besucher")).toBeVisible();

  // A visitor arrives from a search engine and looks around without opening the chat.
  const visitorContext = await browser.newContext({ locale: "de-DE" });
  const shop = await visitorContext.newPage();
  await shop.goto(`${shopOrigin}/`, { referer: "https://www.google.de/search?q=e-bike+kaufen" });
  const row = ines.locator("[data-visitor-key]").filter({ hasText: "Radladen Müller" });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText("Suche: „e-bike kaufen“")).toBeVisible();
  await expect(row.getByText(/seit \d+:\d\d auf der Seite/)).toBeVisible();

  // The invitation opens the widget with the operator's words; the visitor's answer starts the chat.
  await row.getByRole("button", { name: "Einladen" }).click();
  const dialog = ines.getByRole("dialog", { name: "Besucher einladen" });
  await dialog.getByLabel("Ihre Nachricht").fill("Hallo! Suchen Sie ein neues E-Bike? Ich berate Sie gern.");
  await dialog.getByRole("button", { name: "Einladung senden" }).click();
  await expect(ines.getByText("Einladung gesendet.")).toBeVisible();
  const frame = await chatFrame(shop);
  await expect(frame.getByText("Hallo! Suchen Sie ein neues E-Bike? Ich berate Sie gern.").first()).toBeVisible({ timeout: 40_000 });
  await typeIntoFrame(frame.getByLabel("Ihre Nachricht"), "Ja, für den Weg zur Arbeit.");
  await frame.getByRole("button", { name: "Senden" }).click();
  const transcript = ines.getByRole("region", { name: "Gespräch", exact: true });
  await expect(transcript.locator('[data-role="visitor"]').getByText("Ja, für den Weg zur Arbeit.")).toBeVisible({ timeout: 15_000 });
  await expect(ines.getByTestId("chat-status")).toHaveText("Bei Ihnen");
  await visitorContext.close();
  await ines.context().close();
});
