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
 * Visitor messages "/fail" (refused ack) and "/open <url>" (a `command`) exercise the
 * error and navigation paths. Used by widget-screenshots.mjs; meant to be reused by e2e tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Server } from "socket.io";
import { buildWidget } from "../../scripts/build-widget.mjs";
import { answerFor, BOTS } from "./widget-harness-data.mjs";

/** Chromium as installed on this machine, for plain Playwright scripts. */
export const CHROMIUM_LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const listen = (server, host) => new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
const escapeJson = (value) => JSON.stringify(value).replace(/</g, "\\u003c");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(response, status, body, headers = {}) {
  response.writeHead(status, { "cache-control": "no-store", ...headers });
  response.end(body);
}

async function sendFile(response, file, type) {
  try {
    send(response, 200, await readFile(path.join(root, file)), { "content-type": type });
  } catch {
    send(response, 404, `${file} missing: run node scripts/build-widget.mjs`);
  }
}

function framePage(config, hostOrigin) {
  const nonce = randomBytes(16).toString("base64");
  const ws = config.origin.replace(/^http/, "ws");
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `connect-src ${config.origin} ${ws}`,
    "img-src 'self' data:",
    `frame-ancestors ${hostOrigin ?? "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Chat</title></head>
<body><div id="app"></div>
<script type="application/json" id="chatwerk-config">${escapeJson(config)}</script>
<script src="/widget/frame.js" nonce="${nonce}" defer></script></body></html>`;
  return { html, csp };
}

function hostPage(appOrigin, botId, mode) {
  const modeAttribute = mode === "track" ? ' data-mode="track"' : "";
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Demo Shop</title>
<style>
  body { margin: 0; font: 18px/1.6 Georgia, serif; color: #3b2f2f; background: #faf7f2; }
  header { padding: 20px 40px; background: #3b2f2f; color: #faf7f2; font-size: 24px; }
  main { max-width: 880px; margin: 0 auto; padding: 32px 24px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px; }
  .card { padding: 16px; border-radius: 8px; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
  /* Hostile rules a real site might have: none of them may reach the widget. */
  div { box-sizing: content-box; padding: 2px; }
  button, iframe { border: 3px solid red !important; background: pink !important; }
  * { letter-spacing: .02em; }
</style>
<script>
  window.Chatwerk = window.Chatwerk || { q: [] };
  ["open", "close", "setVisitor", "on"].forEach(function (m) {
    Chatwerk[m] = Chatwerk[m] || function () { Chatwerk.q.push([m, [].slice.call(arguments)]); };
  });
  window.chatwerkEvents = [];
  ["ready", "open", "close", "message", "session:end"].forEach(function (name) {
    Chatwerk.on(name, function (detail) { window.chatwerkEvents.push({ name: name, detail: detail }); });
  });
</script>
<script src="${appOrigin}/widget.js" data-bot="${botId}"${modeAttribute} async></script>
</head><body>
<header>Demo Shop</header>
<main>
  <h1>Herbstkollektion</h1>
  <p>Warme Pullover, robuste Stiefel und alles für gemütliche Abende. Fragen? Unser Assistent hilft unten rechts.</p>
  <div class="cards">
    <div class="card"><h3>Wollpullover</h3><p>89,00 €</p><button>In den Warenkorb</button></div>
    <div class="card"><h3>Lederstiefel</h3><p>149,00 €</p><button>In den Warenkorb</button></div>
    <div class="card"><h3>Strickmütze</h3><p>29,00 €</p><button>In den Warenkorb</button></div>
  </div>
</main>
</body></html>`;
}

/** The protocol's `/widget` namespace with an in-memory session store. */
function attachFakeWidgetServer(io, state) {
  const widget = io.of("/widget");
  widget.use((socket, next) => (BOTS[socket.handshake.auth?.botId] ? next() : next(new Error("not_found"))));

  widget.on("connection", (socket) => {
    const { sessionId, since, locale } = socket.handshake.auth;
    let session = state.sessions.get(sessionId);
    const sinceIndex = session && since ? session.messages.findIndex((message) => message.id === since) : -1;
    if (!session) {
      session = { id: randomBytes(24).toString("base64url"), conversationId: randomUUID(), messages: [] };
      state.sessions.set(session.id, session);
    }
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
      const existing = session.messages.find((message) => message.clientMessageId === payload.clientMessageId);
      if (existing) return ack({ ok: true, data: { message: existing } });
      const message = { id: randomUUID(), clientMessageId: payload.clientMessageId, role: "visitor", text, createdAt: new Date().toISOString(), status: "done", citations: [], author: null };
      session.messages.push(message);
      ack({ ok: true, data: { message } });
      widget.to(session.id).emit("message:new", message);
      if (text.startsWith("/open ")) return void widget.to(session.id).emit("command", { type: "open", url: text.slice(6) });
      void streamAnswer(widget, session, String(locale ?? "de").startsWith("en") ? "en" : "de", state.answerDelayMs);
    });
    socket.on("session:end", (_payload, ack) => {
      state.sessions.delete(session.id);
      ack?.({ ok: true, data: null });
    });
    socket.on("visitor:update", (visitor, ack) => {
      session.visitor = { ...session.visitor, ...visitor };
      ack?.({ ok: true, data: null });
    });
    socket.on("page", (page) => (session.page = page));
    socket.on("typing", () => undefined);
  });
}

/** Persist, then emit: typing, an empty streaming message, deltas, then bot:done. */
async function streamAnswer(widget, session, locale, delayMs) {
  const room = widget.to(session.id);
  const { text, citations } = answerFor(locale);
  room.emit("typing", { from: "bot", active: true });
  await sleep(delayMs);
  const message = { id: randomUUID(), clientMessageId: null, role: "bot", text: "", createdAt: new Date().toISOString(), status: "streaming", citations: [], author: null };
  session.messages.push(message);
  widget.to(session.id).emit("message:new", { ...message });
  for (const delta of text.match(/[^ ]+ */g) ?? []) {
    await sleep(delayMs / 20);
    message.text += delta;
    widget.to(session.id).emit("bot:delta", { messageId: message.id, delta });
  }
  Object.assign(message, { text, citations, status: "done" });
  widget.to(session.id).emit("bot:done", { messageId: message.id, text, citations, status: "done" });
}

export async function startWidgetHarness({ build = true, answerDelayMs = 700 } = {}) {
  if (build) await buildWidget();
  const state = { sessions: new Map(), offline: false, answerDelayMs };
  let appOrigin = "";
  let hostOrigin = "";

  const app = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", appOrigin);
    const configMatch = /^\/api\/widget\/([\w-]+)\/config$/.exec(url.pathname);
    const chatMatch = /^\/chat\/([\w-]+)$/.exec(url.pathname);
    if (url.pathname === "/widget.js") return sendFile(response, "public/widget.js", "text/javascript; charset=utf-8");
    if (url.pathname === "/widget/frame.js") return sendFile(response, "public/widget/frame.js", "text/javascript; charset=utf-8");
    if (configMatch && BOTS[configMatch[1]]) {
      return send(response, 200, JSON.stringify({ ...BOTS[configMatch[1]], origin: appOrigin }), { "content-type": "application/json", "access-control-allow-origin": "*" });
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

  const host = createServer((request, response) => {
    const url = new URL(request.url ?? "/", hostOrigin);
    if (url.pathname === "/favicon.ico") return send(response, 204, "");
    if (url.pathname !== "/") return send(response, 404, "not found");
    send(response, 200, hostPage(appOrigin, url.searchParams.get("bot") ?? "bot_demo", url.searchParams.get("mode")), { "content-type": "text/html; charset=utf-8" });
  });

  appOrigin = `http://127.0.0.1:${await listen(app, "127.0.0.1")}`;
  hostOrigin = `http://localhost:${await listen(host, "127.0.0.1")}`;

  return {
    appOrigin,
    hostOrigin,
    hostUrl: (query = "") => `${hostOrigin}/${query}`,
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
  console.log(`host page: ${harness.hostUrl()}  (also ?bot=bot_left, ?mode=track)`);
  console.log(`app origin: ${harness.appOrigin}`);
  process.on("SIGINT", () => harness.close().then(() => process.exit(0)));
}
