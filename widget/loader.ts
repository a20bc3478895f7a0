/**
 * The embeddable loader, built to public/widget.js (≤ 8 KB gzipped):
 *   <script src="{origin}/widget.js" data-bot="{botPublicId}" async></script>
 * It draws a launcher in a shadow root and hosts the chat frame (served from our
 * origin) in an iframe, and reports the page to the console's live visitor list (presence
 * beacon, also with data-mode="track"); an operator's invitation in the beacon's answer
 * opens the chat with it. It stores nothing of its own: only when the frame has no storage
 * does it keep the frame's session token in this page's localStorage, at the frame's
 * request (widget/shared/host-session.ts). Of the host page's globals it sets only
 * `window.Chatwerk` and wraps `history.pushState/replaceState` to follow single-page
 * navigation; every message to or from the frame is checked for our exact origin and the
 * frame's window.
 */
import type { TInvitation, TPresenceReply } from "../lib/live-chat/protocol";
import { POST_MESSAGE_SOURCE, WIDGET_LIMITS, type TFrameToLoader, type TLoaderToFrame, type TWidgetConfig, type TWidgetEventName } from "../lib/widget/protocol";
import { resolveColors } from "./shared/colors";
import { readWidgetConfig } from "./shared/config";
import { pickLocale, translate } from "./shared/i18n";
import { LOADER_CSS } from "./shared/loader-css";
import { createHostSessionStore } from "./shared/host-session";
import { applyStyles, cleanVisitor, icon, watchNavigation, whenIdle, type TVisitor } from "./shared/loader-dom";
import { pageInfo } from "./shared/page-info";
import { isFrameToLoader } from "./shared/post-message";
import { startPresence } from "./shared/presence";
import { NAVIGATION_PROTOCOLS, safeUrl } from "./shared/url";

type TListener = (detail: unknown) => void;
type TChatwerkApi = {
  loaded: true;
  open(): void;
  close(): void;
  setVisitor(visitor: TVisitor): void;
  on(name: TWidgetEventName, listener: TListener): () => void;
};
type TUi = { wrap: HTMLElement; launcher: HTMLButtonElement; badge: HTMLElement; shadow: ShadowRoot; frame: HTMLIFrameElement | null };

const EVENT_NAMES: readonly string[] = ["open", "close", "message", "session:end", "ready"];
const STRINGS = {
  de: { "launcher.open": "Chat öffnen", "launcher.openUnread": "Chat öffnen ({count} neu)", "launcher.close": "Chat schließen", "frame.title": "Chat" },
  en: { "launcher.open": "Open chat", "launcher.openUnread": "Open chat ({count} new)", "launcher.close": "Close chat", "frame.title": "Chat" },
};

function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.bot) return current;
  return document.querySelector<HTMLScriptElement>('script[data-bot][src*="widget.js"]');
}

function createWidget(botId: string, origin: string, track: boolean) {
  const listeners = new Map<string, Set<TListener>>();
  const outbox: TLoaderToFrame[] = [];
  const hostSession = createHostSessionStore(botId);
  let config: TWidgetConfig | null = null;
  let ui: TUi | null = null;
  let frameReady = false;
  let isOpen = false;
  let wantOpen = false;
  let wantFocus = true;
  let ready = false;
  let unread = 0;
  let lastPage = "";
  /** What the frame said about its session (`ready`, then its messages and session end). */
  let frameHasSession = false;
  let humanAvailable = false;
  let presence: ReturnType<typeof startPresence> | null = null;
  let mounting = false;

  const t = (key: keyof (typeof STRINGS)["de"], vars?: Record<string, number>) => {
    const locale = pickLocale(navigator.language, config?.defaultLocale ?? "de");
    return translate(STRINGS[locale], config?.texts[locale].overrides, key, vars);
  };

  function emit(name: string, detail?: unknown) {
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(detail);
      } catch (error) {
        console.error("[chatwerk] listener failed", error);
      }
    }
  }

  function post(message: TLoaderToFrame) {
    if (frameReady && ui?.frame?.contentWindow) ui.frame.contentWindow.postMessage(message, origin);
    else if (message.type === "setVisitor" || message.type === "invitation") outbox.push(message);
  }

  const currentPage = () => pageInfo(location.href, document.title, document.referrer);

  function postPresence() {
    if (presence) post({ source: POST_MESSAGE_SOURCE, type: "presence", visitorKey: presence.visitorKey, humanAvailable });
  }

  /** The current page, when it differs from the last one sent; the frame gets it on `ready`. */
  function postPage(force = false) {
    const page = currentPage();
    const key = JSON.stringify(page);
    if (!frameReady || (!force && key === lastPage)) return;
    lastPage = key;
    post({ source: POST_MESSAGE_SOURCE, type: "page", page });
  }

  function ensureFrame(): HTMLIFrameElement | null {
    if (!ui) return null;
    if (ui.frame) return ui.frame;
    const frame = document.createElement("iframe");
    frame.className = "f";
    frame.title = t("frame.title");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms");
    frame.src = `${origin}/chat/${encodeURIComponent(botId)}?origin=${encodeURIComponent(location.origin)}`;
    ui.wrap.insertBefore(frame, ui.launcher);
    ui.frame = frame;
    return frame;
  }

  function renderLauncher() {
    if (!ui || !config) return;
    const { launcher, badge } = ui;
    launcher.replaceChildren(icon(isOpen ? "chevronDown" : config.launcherIcon), badge);
    launcher.setAttribute("aria-expanded", String(isOpen));
    launcher.setAttribute("aria-label", isOpen ? t("launcher.close") : unread > 0 ? t("launcher.openUnread", { count: unread }) : t("launcher.open"));
    badge.textContent = unread > 9 ? "9+" : String(unread);
    badge.hidden = isOpen || unread === 0;
  }

  function setOpen(open: boolean, moveFocus = true) {
    wantOpen = open;
    wantFocus = moveFocus;
    if (!ui || isOpen === open) return;
    const frame = ensureFrame();
    const focusInFrame = ui.shadow.activeElement === frame;
    isOpen = open;
    if (open) unread = 0;
    ui.wrap.classList.toggle("open", open);
    renderLauncher();
    if (open && moveFocus) frame?.focus();
    if (!open && focusInFrame) ui.launcher.focus();
    post({ source: POST_MESSAGE_SOURCE, type: open ? "open" : "close" });
    emit(open ? "open" : "close");
  }

  function onFrameMessage(message: TFrameToLoader) {
    switch (message.type) {
      case "ready":
        frameReady = true;
        frameHasSession = message.hasSession;
        // Before `session`: a returning visitor's frame connects on it, with the key in its auth.
        postPresence();
        post({ source: POST_MESSAGE_SOURCE, type: "session", token: hostSession.read() });
        for (const queued of outbox.splice(0)) post(queued);
        postPage(true);
        if (isOpen) post({ source: POST_MESSAGE_SOURCE, type: "open" });
        else if (message.open) setOpen(true, false);
        return;
      case "open":
      case "close":
        setOpen(message.type === "open");
        return;
      case "unread":
        unread = isOpen ? 0 : message.count;
        renderLauncher();
        return;
      case "command": {
        const url = safeUrl(message.command.url, NAVIGATION_PROTOCOLS);
        if (url && message.command.type === "goto") location.assign(url);
        else if (url) window.open(url, "_blank", "noopener");
        return;
      }
      case "event":
        if (message.name === "message" || message.name === "session:end") frameHasSession = message.name === "message";
        emit(message.name, message.detail);
        return;
      case "session:store":
        hostSession.write(message.token);
    }
  }

  function mount(loaded: TWidgetConfig) {
    config = loaded;
    const host = document.createElement("div");
    host.setAttribute("data-chatwerk", "");
    const shadow = host.attachShadow({ mode: "open" });
    applyStyles(shadow, LOADER_CSS);
    const wrap = document.createElement("div");
    const colors = resolveColors(loaded.colors);
    wrap.className = loaded.position === "left" ? "w l" : "w";
    wrap.style.setProperty("--p", colors.primary);
    wrap.style.setProperty("--o", colors.onPrimary);
    const launcher = document.createElement("button");
    launcher.type = "button";
    launcher.className = "b";
    const badge = document.createElement("span");
    badge.className = "n";
    badge.setAttribute("aria-hidden", "true");
    launcher.addEventListener("click", () => setOpen(!isOpen));
    wrap.appendChild(launcher);
    shadow.appendChild(wrap);
    document.body.appendChild(host);
    ui = { wrap, launcher, badge, shadow, frame: null };
    renderLauncher();
    window.addEventListener("message", (event) => {
      const frame = ui?.frame;
      if (!frame || event.origin !== origin || event.source !== frame.contentWindow || !isFrameToLoader(event.data)) return;
      onFrameMessage(event.data);
    });
    if (wantOpen) setOpen(true, wantFocus);
    else whenIdle(ensureFrame);
    markReady();
  }

  function markReady() {
    if (ready) return;
    ready = true;
    emit("ready");
  }

  /** The bot's config, or null after exactly one warning that says why the chat is missing. */
  async function loadConfig(): Promise<TWidgetConfig | null> {
    let status = 0;
    try {
      const response = await fetch(`${origin}/api/widget/${encodeURIComponent(botId)}/config`, { credentials: "omit" });
      status = response.status;
      const loaded = response.ok ? readWidgetConfig(await response.json()) : null;
      if (loaded) return loaded;
    } catch {
      // Network failure or invalid JSON: reported below like any other unusable answer.
    }
    const why = !status ? `${origin} could not be reached` : status < 300 ? "its configuration is unreadable" : `the configuration request failed with HTTP ${status}`;
    console.warn(
      status === 404
        ? `[chatwerk] Unknown bot "${botId}": check the data-bot attribute of the widget.js script tag. The chat stays hidden.`
        : `[chatwerk] The chat for bot "${botId}" stays hidden: ${why}.`,
    );
    return null;
  }

  function mountWhenReady(loaded: TWidgetConfig) {
    if (document.body) mount(loaded);
    else document.addEventListener("DOMContentLoaded", () => mount(loaded), { once: true });
  }

  /**
   * An operator invites this visitor: the chat opens with the message, without taking the
   * keyboard focus from the page. Before the frame is ready both wait (outbox, wantOpen); in
   * tracking-only mode the chat is mounted first.
   */
  async function showInvitation(invitation: TInvitation) {
    post({ source: POST_MESSAGE_SOURCE, type: "invitation", invitation });
    setOpen(true, false);
    if (ui || !track || mounting) return;
    mounting = true;
    const loaded = await loadConfig();
    if (loaded) mountWhenReady(loaded);
  }

  function onPresenceReply(reply: TPresenceReply) {
    if (reply.humanAvailable !== humanAvailable) {
      humanAvailable = reply.humanAvailable;
      postPresence();
    }
    if (reply.invitation) void showInvitation(reply.invitation);
  }

  function startBeacon() {
    presence = startPresence({
      origin,
      botId,
      mode: track ? "track" : "widget",
      locale: navigator.language.slice(0, WIDGET_LIMITS.localeMaxChars),
      page: currentPage,
      session: () => {
        const token = hostSession.read();
        return { hasSession: frameHasSession || token !== null, token };
      },
      onReply: onPresenceReply,
    });
    watchNavigation(() => {
      postPage();
      presence?.beat();
    });
  }

  async function start() {
    if (track) {
      markReady();
      return startBeacon();
    }
    const loaded = await loadConfig();
    if (!loaded) return;
    humanAvailable = loaded.humanAvailable;
    startBeacon();
    mountWhenReady(loaded);
  }

  const api: TChatwerkApi = {
    loaded: true,
    open: () => !track && setOpen(true),
    close: () => setOpen(false),
    setVisitor: (visitor) => !track && post({ source: POST_MESSAGE_SOURCE, type: "setVisitor", visitor: cleanVisitor(visitor) }),
    on(name, listener) {
      if (!EVENT_NAMES.includes(name) || typeof listener !== "function") return () => {};
      const set = listeners.get(name) ?? new Set<TListener>();
      listeners.set(name, set);
      set.add(listener);
      if (name === "ready" && ready) setTimeout(() => set.has(listener) && listener(undefined), 0);
      return () => set.delete(listener);
    },
  };
  return { api, start };
}

/** Replays calls made through the documented stub before this script ran. */
function drainQueue(queue: unknown, api: TChatwerkApi) {
  if (!Array.isArray(queue)) return;
  for (const item of queue) {
    if (!Array.isArray(item) && !(item && typeof item === "object" && "length" in item)) continue;
    const call = Array.from(item as ArrayLike<unknown>);
    const args = Array.isArray(call[1]) ? (call[1] as unknown[]) : call.slice(1);
    if (call[0] === "open") api.open();
    else if (call[0] === "close") api.close();
    else if (call[0] === "setVisitor") api.setVisitor(args[0] as TVisitor);
    else if (call[0] === "on") api.on(args[0] as TWidgetEventName, args[1] as TListener);
  }
}

function boot() {
  const scope = window as unknown as { Chatwerk?: { loaded?: boolean; q?: unknown } };
  if (scope.Chatwerk?.loaded) return;
  const script = findOwnScript();
  const botId = script?.dataset.bot ?? "";
  if (!script || !/^[\w-]{1,64}$/.test(botId) || location.origin === "null") {
    console.warn("[chatwerk] widget.js needs data-bot and a page with an origin");
    return;
  }
  const widget = createWidget(botId, new URL(script.src, location.href).origin, script.dataset.mode === "track");
  const queue = scope.Chatwerk?.q;
  scope.Chatwerk = widget.api;
  drainQueue(queue, widget.api);
  void widget.start();
}

boot();
