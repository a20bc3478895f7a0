/** The two HTML pages of the harness: the chat frame's shell and a customer's page. */
import { randomBytes } from "node:crypto";

const escapeJson = (value) => JSON.stringify(value).replace(/</g, "\\u003c");

/** The chat page as the server renders it: inlined config, strict CSP with a nonce. */
export function framePage(config, hostOrigin) {
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

/**
 * A shop page with the documented stub, hostile CSS and links that navigate like a
 * single-page app (pushState plus a new title), so page tracking can be observed.
 */
export function hostPage(appOrigin, botId, mode) {
  const modeAttribute = mode === "track" ? ' data-mode="track"' : "";
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Demo Shop</title>
<style>
  body { margin: 0; font: 18px/1.6 Georgia, serif; color: #3b2f2f; background: #faf7f2; }
  header { display: flex; gap: 24px; align-items: baseline; padding: 20px 40px; background: #3b2f2f; color: #faf7f2; font-size: 24px; }
  header a { color: #faf7f2; font-size: 16px; }
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
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-spa]");
    if (!link) return;
    event.preventDefault();
    history.pushState({}, "", link.getAttribute("href"));
    setTimeout(function () { document.title = link.getAttribute("data-title"); }, 50);
  });
</script>
<script src="${appOrigin}/widget.js" data-bot="${botId}"${modeAttribute} async></script>
</head><body>
<header>Demo Shop <a href="/stiefel?bot=${botId}" data-spa data-title="Stiefel – Demo Shop">Stiefel</a> <a href="/#/konto" data-spa data-title="Konto – Demo Shop">Konto</a></header>
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
