/** @jsxImportSource preact */
/**
 * Entry of public/widget/frame.js, loaded by the chat page the server renders at
 * /chat/{botPublicId}?origin={host origin}, which inlines the bot's public config as
 * <script type="application/json" id="chatwerk-config">.
 */
import { render } from "preact";
import { WIDGET_LIMITS } from "../../lib/widget/protocol";
import { App } from "./app";
import { createBridge, readHostOrigin } from "./bridge";
import { createChatClient } from "./chat-client";
import { readFrameConfig } from "./pre-chat-config";
import { createTranslator } from "./i18n";
import { createSessionStore } from "./session-store";
import { applyTheme, injectStyles } from "./styles";

function readInlineConfig() {
  try {
    return readFrameConfig(JSON.parse(document.getElementById("chatwerk-config")?.textContent ?? "null"));
  } catch {
    return null;
  }
}

function boot() {
  const config = readInlineConfig();
  const root = document.getElementById("app");
  if (!config || !root) {
    console.error("[chatwerk] the chat page is missing its config");
    return;
  }
  const nonce = document.currentScript instanceof HTMLScriptElement ? document.currentScript.nonce : undefined;
  const bridge = createBridge(readHostOrigin(location.search));
  const { locale, t } = createTranslator(config, navigator.language);
  const client = createChatClient({
    config,
    bridge,
    locale: navigator.language.slice(0, WIDGET_LIMITS.localeMaxChars),
    store: createSessionStore(config.botId),
    announce: (name, text) => t("announce.message", { name, text }),
  });
  document.documentElement.lang = locale;
  document.title = config.title;
  injectStyles(document, nonce);
  applyTheme(document.documentElement, config);
  bridge.listen((message) => {
    if (message.type === "open" || message.type === "close") client.setOpen(message.type === "open", true);
    else if (message.type === "setVisitor") client.setVisitor(message.visitor);
    else if (message.type === "page") client.setPage(message.page);
    else if (message.type === "session") client.receiveHostSession(message.token);
    else if (message.type === "presence") client.setPresence(message);
    else if (message.type === "invitation") client.receiveInvitation(message.invitation);
  });
  render(<App client={client} config={config} locale={locale} t={t} embedded={bridge.embedded} />, root);
  client.start();
}

boot();
