/**
 * A stand-in for the real server, for looking at and driving the widget in a browser:
 *
 * - "app" origin (http://127.0.0.1:<port>): public/widget.js, the chat page shell at
 *   /chat/{botId} with a strict CSP, public/widget/frame.js, GET /api/widget/{id}/config,
 *   and a socket.io `/widget` namespace that answers every visitor message with a
 *   streamed answer carrying citations and a link (lib/widget/protocol.ts);
 * - "host" origin (http://localhost:<other port>): a customer page with the loader and
 *   some hostile CSS, so the two are cross-origin exactly as in production.
 *
 *   node tests/harness/widget-harness.mjs      builds the widget, serves, prints URLs
 *
 * Visitor messages "/fail" (refused ack), "/ratelimit …" (refused once as rate-limited)
 * and "/open <url>" (a `command`) exercise the error and navigation paths; a form value
 * containing "/leadfail" makes `lead:submit` fail for that field. Bots: bot_demo, bot_left
 * (light colour, left), bot_form (pre-chat form); any other id is unknown (404).
 * Used by widget-screenshots.mjs and tests/e2e/widget-xss.spec.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Server } from "socket.io";
import { buildWidget, widgetBuildOptions } from "../../scripts/build-widget.mjs";
import { answerFor, BOTS } from "./widget-harness-data.mjs";
import { framePage, hostPage } from "./widget-harness-pages.mjs";

/** Chromium as installed on this machine, for plain Playwright scripts. */
export const CHROMIUM_LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const listen = (server, host) => new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Word by word, as a model streams. */
const byWords = (text) => text.match(/[^ ]+ */g) ?? [text];

function send(response, status, body, headers = {}) {
  response.writeHead(status, { "cache-control": "no-store", ...headers });
  response.end(body);
}

async function sendFile(response, file, type) {
  try {
    send(response, 200, await readFile(file), { "content-type": type });
  } catch {
    send(response, 404, `${path.relative(root, file)} missing: run node scripts/build-widget.mjs`);
  }
}

/** The protocol's `/widget` namespace with an in-memory session store. */
function attachFakeWidgetServer(io, state) {
  const widget = io.of("/widget");
  widget.use((socket, next) => (BOTS[socket.handshake.auth?.botId] ? next() : next(new Error("unknown_bot"))));

  widget.on("connection", (socket) => {
    const { sessionId, since, locale, page } = socket.handshake.auth;
    let session = state.sessions.get(sessionId);
    const sinceIndex = session && since ? session.messages.findIndex((message) => message.id === since) : -1;
    if (!session) {
      // 256 random bits, base64url: 43 characters, like the real server's tokens.
      session = { id: randomBytes(32).toString("base64url"), conversationId: randomUUID(), messages: [], pages: [], leads: [], rateLimited: new Set() };
      state.sessions.set(session.id, session);
    }
    if (page) session.pages.push(page);
    const incremental = sinceIndex >= 0;
    socket.join(session.id);
    socket.emit("session", {
      sessionId: session.id,
      conversation: { id: session.conversationId, status: "bot" },
      messages: incremental ? session.messages.slice(sinceIndex + 1) : session.messages.slice(-200),
      incremental,
    });

    socket.on("message:send", (payload, ack) => {
      const text = typeof payload?.text === "string" ? payload.text.trim() : "";
      if (!text || text === "/fail") return ack({ ok: false, error: { code: "invalid_input", message: "Refused by the harness" } });
      // The first attempt of "/ratelimit …" is refused like the server's 20-per-minute limit; a retry goes through.
      if (text.startsWith("/ratelimit") && !session.rateLimited.has(payload.clientMessageId)) {
        session.rateLimited.add(payload.clientMessageId);
        return ack({ ok: false, error: { code: "rate_limited", message: "Too many messages.", retryAfterSeconds: 42 } });
      }
      const existing = session.messages.find((message) => message.clientMessageId === payload.clientMessageId);
      if (existing) return ack({ ok: true, data: { message: existing } });
      const message = { id: randomUUID(), clientMessageId: payload.clientMessageId, role: "visitor", text, createdAt: new Date().toISOString(), status: "done", citations: [], author: null };
      session.messages.push(message);
      ack({ ok: true, data: { message } });
      widget.to(session.id).emit("message:new", message);
      if (text.startsWith("/open ")) return void widget.to(session.id).emit("command", { type: "open", url: text.slice(6) });
      void streamAnswer(widget, session, state, text, String(locale ?? "de").startsWith("en") ? "en" : "de");
    });
    // Every form is accepted, unless a value contains "/leadfail": then that field is refused.
    socket.on("lead:submit", (payload, ack) => {
      const fields = payload && typeof payload.fields === "object" && payload.fields !== null ? payload.fields : {};
      const refused = Object.keys(fields).find((key) => String(fields[key]).includes("/leadfail"));
      if (refused) return ack?.({ ok: false, error: { code: "validation_failed", message: "The harness refused this form.", details: { field: refused } } });
      session.leads.push({ kind: payload?.kind, fields });
      ack?.({ ok: true, data: { leadId: randomUUID() } });
    });
    socket.on("session:end", (_payload, ack) => {
      state.sessions.delete(session.id);
      ack?.({ ok: true, data: null });
    });
    socket.on("visitor:update", (visitor, ack) => {
      session.visitor = { ...session.visitor, ...visitor };
      ack?.({ ok: true, data: null });
    });
    socket.on("page", (next) => session.pages.push(next));
    socket.on("typing", () => undefined);
  });
}

/** Persist, then emit: typing, an empty streaming message, deltas, then bot:done. */
async function streamAnswer(widget, session, state, question, locale) {
  const room = widget.to(session.id);
  const { text, citations } = state.answer(question, locale);
  room.emit("typing", { from: "bot", active: true });
  await sleep(state.answerDelayMs);
  const message = { id: randomUUID(), clientMessageId: null, role: "bot", text: "", createdAt: new Date().toISOString(), status: "streaming", citations: [], author: null };
  session.messages.push(message);
  room.emit("message:new", { ...message });
  for (const delta of state.chunk(text)) {
    await sleep(state.answerDelayMs / 20);
    message.text += delta;
    room.emit("bot:delta", { messageId: message.id, delta });
  }
  Object.assign(message, { text, citations, status: "done" });
  room.emit("bot:done", { messageId: message.id, text, citations, status: "done" });
}

/**
 * Starts both origins on free ports (never a fixed one).
 * @param {{
 *   build?: boolean,
 *   outdir?: string,
 *   answerDelayMs?: number,
 *   answer?: (question: string, locale: "de" | "en") => { text: string, citations: { n: number, title: string, url: string | null, sourceId: string }[] },
 *   chunk?: (text: string) => string[],
 * }} [options] `outdir`: where the widget is built and served from (default public/);
 *   `answer` and `chunk`: what the bot says to a question and how it is split into `bot:delta`s.
 */
export async function startWidgetHarness({ build = true, outdir = path.join(root, "public"), answerDelayMs = 700, answer = (_question, locale) => answerFor(locale), chunk = byWords } = {}) {
  if (build) await buildWidget(widgetBuildOptions({ outdir }));
  const state = { sessions: new Map(), offline: false, answerDelayMs, answer, chunk };
  let appOrigin = "";
  let hostOrigin = "";

  const app = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", appOrigin);
    const configMatch = /^\/api\/widget\/([\w-]+)\/config$/.exec(url.pathname);
    const chatMatch = /^\/chat\/([\w-]+)$/.exec(url.pathname);
    if (url.pathname === "/widget.js") return sendFile(response, path.join(outdir, "widget.js"), "text/javascript; charset=utf-8");
    if (url.pathname === "/widget/frame.js") return sendFile(response, path.join(outdir, "widget/frame.js"), "text/javascript; charset=utf-8");
    if (configMatch && BOTS[configMatch[1]]) {
      return send(response, 200, JSON.stringify({ ...BOTS[configMatch[1]], origin: appOrigin }), { "content-type": "application/json", "access-control-allow-origin": "*" });
    }
    if (configMatch) {
      return send(response, 404, JSON.stringify({ error: { code: "not_found", message: "Unknown bot." } }), { "content-type": "application/json", "access-control-allow-origin": "*" });
    }
    if (chatMatch && BOTS[chatMatch[1]]) {
      const { html, csp } = framePage({ ...BOTS[chatMatch[1]], origin: appOrigin }, url.searchParams.get("origin"));
      return send(response, 200, html, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp });
    }
    send(response, 404, "not found");
  });
  const io = new Server(app, {
    path: "/socket.io/",
    cors: { origin: true },
    // Simulated outage: the handshake is refused while `offline`, so clients keep retrying.
    allowRequest: (_request, callback) => callback(null, !state.offline),
  });
  attachFakeWidgetServer(io, state);

  // Every path is the shop page, so single-page navigation survives a reload.
  const host = createServer((request, response) => {
    const url = new URL(request.url ?? "/", hostOrigin);
    if (url.pathname === "/favicon.ico") return send(response, 204, "");
    send(response, 200, hostPage(appOrigin, url.searchParams.get("bot") ?? "bot_demo", url.searchParams.get("mode")), { "content-type": "text/html; charset=utf-8" });
  });

  appOrigin = `http://127.0.0.1:${await listen(app, "127.0.0.1")}`;
  const hostPort = await listen(host, "127.0.0.1");
  hostOrigin = `http://localhost:${hostPort}`;

  return {
    appOrigin,
    hostOrigin,
    hostUrl: (query = "") => `${hostOrigin}/${query}`,
    /** The host page on the app's site (another port only): there the frame's own storage works. */
    sameSiteHostUrl: (query = "") => `http://127.0.0.1:${hostPort}/${query}`,
    sessions: state.sessions,
    setOffline(offline) {
      state.offline = offline;
      if (offline) for (const socket of io.of("/widget").sockets.values()) socket.conn.close();
    },
    async close() {
      await io.close();
      await new Promise((resolve) => host.close(resolve));
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const harness = await startWidgetHarness();
  console.log(`host page: ${harness.hostUrl()}  (also ?bot=bot_left, ?bot=bot_form, ?bot=bot_missing, ?mode=track)`);
  console.log(`app origin: ${harness.appOrigin}`);
  process.on("SIGINT", () => harness.close().then(() => process.exit(0)));
}
