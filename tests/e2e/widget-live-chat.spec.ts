import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser, type Frame, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { logIn, signUp, typeIntoFrame, uniqueEmail, waitForMail } from "./helpers";

/**
 * The visitor's side of live chat, on a customer's site (another origin served here): with
 * nobody online "talk to a human" leads to the leave-a-message form; with an operator online
 * (a real /operator socket opened from this test with a console token) the visitor queues,
 * sees the operator's name, messages and typing, and rates the chat after it is closed; an
 * operator's invitation reaches a visitor who has not touched the widget (also on a page
 * with the loader in tracking-only mode). The two-browser console journey lives elsewhere.
 */
const APP = "http://localhost:3999";
const PASSWORD = "sicheres-passwort-2026";
const OWNER = "Lena Live";
const SHOTS = "screenshots/widget-live-e2e";

let host: http.Server;
let hostOrigin = "";
let botPublicId = "";
let slug = "";
let owner: Page;
let operator: Socket | null = null;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  host = http.createServer((req, res) => {
    const track = (req.url ?? "").startsWith("/track");
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Radladen Live</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family: system-ui; margin: 40px"><h1>Radladen Live</h1><p>E-Bikes, Werkstatt und Zubehör.</p>
<script src="${APP}/widget.js" data-bot="${botPublicId}"${track ? ' data-mode="track"' : ""} async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  mkdirSync(SHOTS, { recursive: true });

  const context = await browser.newContext({ locale: "de-DE" });
  owner = await context.newPage();
  const email = uniqueEmail("live");
  await signUp(owner, { name: OWNER, email, password: PASSWORD, workspace: "Radladen Live" });
  const { link } = await waitForMail(email, /http:\/\/\S+\/verify-email\?token=\S+/);
  await owner.goto(link);
  await owner.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
  await logIn(owner, email, PASSWORD);
  slug = new URL(owner.url()).pathname.split("/")[2] ?? "";
  await owner.getByRole("link", { name: "Bots" }).first().click();
  await owner.getByRole("button", { name: "Bot erstellen" }).first().click();
  await owner.getByLabel("Name").fill("Live-Hilfe");
  await owner.getByRole("dialog").getByRole("button", { name: "Bot erstellen" }).click();
  await expect(owner.getByRole("heading", { name: "Live-Hilfe" })).toBeVisible();
  await owner.getByRole("link", { name: "Widget", exact: true }).click();
  const snippet = owner.getByText(/data-bot="bot_/).first();
  await expect(snippet).toBeVisible();
  botPublicId = (await snippet.innerText()).match(/data-bot="(bot_[A-Za-z0-9_-]{16})"/)?.[1] ?? "";
  expect(botPublicId).not.toBe("");
});

test.afterAll(async () => {
  operator?.disconnect();
  await new Promise<void>((resolve) => host.close(() => resolve()));
});

/** The owner goes online in the console: a console token from the dashboard session, then the /operator socket. */
async function connectOperator(): Promise<Socket> {
  const response = await owner.request.post(`${APP}/api/console/token`, { data: { workspace: slug } });
  expect(response.ok()).toBe(true);
  const { token } = (await response.json()) as { token: string };
  const socket = io(`${APP}/operator`, { path: "/socket.io/", transports: ["websocket"], auth: { token, workspace: slug }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("ready", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

type TListedVisitor = { visitorKey: string; page: { url: string }; mode: string; conversationId: string | null };

/**
 * The visitor on `url` in the operator's live list. The list is pushed only when it changes
 * (the visitor's first beat, often before page.goto returns), never again for an unchanged
 * page: call this before the visitor arrives, not after.
 */
function visitorListed(socket: Socket, url: string): Promise<TListedVisitor> {
  const listed = (visitors: TListedVisitor[]) => visitors.find((visitor) => visitor.page.url === url);
  return next<{ visitors: TListedVisitor[] }>(socket, "visitors", ({ visitors }) => listed(visitors) !== undefined).then(({ visitors }) => listed(visitors)!);
}

function next<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 25_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`Timed out waiting for "${event}"`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

async function call<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean; data?: T; error?: unknown };
  expect(ack, `${event}: ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
  return ack.data as T;
}

const clientMessageId = () => `e2e-${randomBytes(8).toString("hex")}`;

async function chatFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${APP}/chat/`))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${APP}/chat/`))!;
}

async function visitorOn(browser: Browser, path: string) {
  const context = await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${hostOrigin}${path}`);
  return { context, page };
}

const storedKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("chatwerk")).length);

test("nobody online: 'talk to a human' in the menu leads to the leave-a-message form", async ({ browser }) => {
  const { context, page } = await visitorOn(browser, "/shop?v=offline");
  await page.getByRole("button", { name: "Chat öffnen" }).click();
  const frame = await chatFrame(page);
  await expect(frame.getByText("Hallo! Wie können wir helfen?")).toBeVisible();
  // No visible button for a human when nobody is there, only the quiet menu item.
  await expect(frame.getByRole("button", { name: "Nachricht hinterlassen" })).toBeVisible();
  await expect(frame.getByRole("button", { name: "Mit einem Menschen sprechen" })).toHaveCount(0);
  await frame.getByRole("button", { name: "Weitere Optionen" }).click();
  await frame.getByRole("menuitem", { name: "Mit einem Menschen sprechen" }).click();

  await expect(frame.getByRole("heading", { name: "Nachricht hinterlassen" })).toBeVisible();
  // The server's offline message (no department: ours), not the form's own intro.
  await expect(frame.getByText(/wir melden uns so bald wie möglich bei Ihnen/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/offline-form.png` });
  await typeIntoFrame(frame.locator("#cw-leave-email"), "besucher@example.test");
  await typeIntoFrame(frame.locator("#cw-leave-message"), "Bitte rufen Sie mich wegen einer Reparatur zurück.");
  await frame.getByRole("button", { name: "Nachricht senden" }).click();
  await expect(frame.getByText(/Vielen Dank! Ihre Nachricht ist bei uns angekommen/).first()).toBeVisible();
  await context.close();
});

test("an operator online: the human button, the queue, the operator's name and typing, then the rating", async ({ browser }) => {
  operator = await connectOperator();
  const { context, page } = await visitorOn(browser, "/shop?v=handoff");
  await page.getByRole("button", { name: "Chat öffnen" }).click();
  const frame = await chatFrame(page);

  const offered = next<{ conversation: { id: string } }>(operator, "conversation:offer");
  await frame.getByRole("button", { name: "Mit einem Menschen sprechen" }).click();
  await expect(frame.getByText(/Sie sind in der Warteschlange/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/queued.png` });
  const conversationId = (await offered).conversation.id;
  await call(operator, "conversation:accept", { conversationId });

  await expect(frame.getByRole("heading", { name: OWNER, exact: true })).toBeVisible();
  await expect(frame.getByText(`Sie sind jetzt mit ${OWNER} verbunden.`)).toBeVisible();
  operator.emit("typing", { conversationId, active: true });
  await expect(frame.locator(".cw-typing")).toBeVisible();
  await expect(frame.getByText(`${OWNER} schreibt …`)).toHaveCount(1);
  await call(operator, "message:send", { conversationId, text: "Hallo, ich bin Lena aus der Werkstatt. **Wie** kann ich helfen?", clientMessageId: clientMessageId() });
  await expect(frame.getByText("Hallo, ich bin Lena aus der Werkstatt.", { exact: false }).first()).toBeVisible();
  await expect(frame.locator(".cw-typing")).toHaveCount(0);
  await expect(frame.locator(".cw-them .cw-author").filter({ hasText: OWNER })).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/assigned.png` });

  const heard = next<{ message: { role: string; text: string } }>(operator, "message:new", ({ message }) => message.role === "visitor");
  await typeIntoFrame(frame.getByLabel("Ihre Nachricht"), "Wann ist mein Rad fertig?");
  await frame.getByRole("button", { name: "Senden", exact: true }).click();
  expect((await heard).message.text).toBe("Wann ist mein Rad fertig?");

  await call(operator, "conversation:close", { conversationId, tags: ["werkstatt"] });
  await expect(frame.getByRole("heading", { name: `Wie zufrieden waren Sie mit dem Gespräch mit ${OWNER}?` })).toBeVisible();
  // The stars are a radio group: the arrow keys choose.
  // (Keys go where the browser holds focus, like typed text: checked, and tried again from 1.)
  await expect(async () => {
    await frame.getByRole("radio", { name: "1 von 5 Sternen" }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await expect(frame.getByRole("radio", { name: "4 von 5 Sternen" })).toBeChecked({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await typeIntoFrame(frame.getByLabel("Ihr Kommentar (freiwillig)"), "Schnell und freundlich.");
  await page.screenshot({ path: `${SHOTS}/rating.png` });
  const rated = next<{ kind: string; text: string }>(operator, "notice", (notice) => notice.kind === "visitor_rated");
  await frame.getByRole("button", { name: "Bewertung senden" }).click();
  await expect(frame.getByText("Vielen Dank für Ihre Bewertung!")).toBeVisible();
  expect((await rated).text).toBe("★★★★☆ – Schnell und freundlich.");
  await context.close();
});

test("an operator's invitation reaches a visitor on a third-party page, who answers it", async ({ browser }) => {
  operator ??= await connectOperator();
  const listed = visitorListed(operator, `${hostOrigin}/shop?v=invite`);
  const { context, page } = await visitorOn(browser, "/shop?v=invite");
  await expect(page.getByRole("button", { name: "Chat öffnen" })).toBeVisible();
  const visitor = await listed;
  expect(visitor).toMatchObject({ mode: "widget", conversationId: null });

  const text = "Hallo! Suchen Sie ein E-Bike für den Arbeitsweg? Ich helfe gern.";
  await call(operator, "visitor:invite", { visitorKey: visitor.visitorKey, text });
  // Single-page navigation makes the loader beat at once (else the next beat, within 15 s).
  await page.evaluate(() => history.pushState({}, "", "/shop?v=invite&seite=2"));
  const frame = await chatFrame(page);
  await expect(frame.getByText(text, { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Chat schließen" })).toBeVisible();
  // Seen, not answered: nothing is stored yet.
  expect(await storedKeys(page)).toBe(0);
  await page.screenshot({ path: `${SHOTS}/invitation.png` });

  const accepted = next<{ kind: string; conversationId: string }>(operator, "notice", (notice) => notice.kind === "invitation_accepted");
  const reply = next<{ message: { role: string; text: string; conversationId: string } }>(operator, "message:new", ({ message }) => message.role === "visitor");
  await typeIntoFrame(frame.getByLabel("Ihre Nachricht"), "Ja, gern – etwas mit Gepäckträger.");
  await frame.getByRole("button", { name: "Senden", exact: true }).click();
  const { conversationId } = await accepted;
  expect((await reply).message).toMatchObject({ text: "Ja, gern – etwas mit Gepäckträger.", conversationId });
  await expect(frame.getByRole("heading", { name: OWNER, exact: true })).toBeVisible();
  // The invitation is the operator's first message, shown once.
  await expect(frame.getByText(text, { exact: true })).toHaveCount(1);
  await call(operator, "conversation:close", { conversationId });
  await expect(frame.getByRole("heading", { name: /Wie zufrieden waren Sie/ })).toBeVisible();
  await context.close();
});

test("tracking-only mode: the visitor is listed, and an invitation opens the chat", async ({ browser }) => {
  operator ??= await connectOperator();
  const listed = visitorListed(operator, `${hostOrigin}/track?v=invite`);
  const { context, page } = await visitorOn(browser, "/track?v=invite");
  const visitor = await listed;
  expect(visitor.mode).toBe("track");
  await expect(page.getByRole("button", { name: "Chat öffnen" })).toHaveCount(0);

  const text = "Guten Tag! Haben Sie Fragen zur Probefahrt?";
  await call(operator, "visitor:invite", { visitorKey: visitor.visitorKey, text });
  await page.evaluate(() => history.pushState({}, "", "/track?v=invite&seite=2"));
  const frame = await chatFrame(page);
  await expect(frame.getByText(text, { exact: true })).toBeVisible({ timeout: 20_000 });
  await context.close();
});
