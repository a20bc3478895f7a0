/** DOM helpers of the loader (public/widget.js), kept free of host page globals. */
import { ICON_PATHS, type TIconName } from "./icons";

export type TVisitor = { name?: string; email?: string };

const SVG_NS = "http://www.w3.org/2000/svg";

export function icon(name: TIconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  const attributes: Record<string, string> = {
    viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", "stroke-width": "2",
    "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true", focusable: "false",
  };
  for (const [key, value] of Object.entries(attributes)) svg.setAttribute(key, value);
  for (const d of ICON_PATHS[name]) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
  }
  return svg;
}

/** Constructable stylesheets are not subject to the host page's CSP `style-src`. */
export function applyStyles(shadow: ShadowRoot, css: string) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement("style");
    style.textContent = css;
    shadow.appendChild(style);
  }
}

export function whenIdle(run: () => void) {
  const schedule = () => ("requestIdleCallback" in window ? window.requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 1000));
  if (document.readyState === "complete") schedule();
  else window.addEventListener("load", schedule, { once: true });
}

export function cleanVisitor(input: unknown): TVisitor {
  const visitor: TVisitor = {};
  if (typeof input !== "object" || input === null) return visitor;
  const { name, email } = input as Record<string, unknown>;
  if (typeof name === "string") visitor.name = name.slice(0, 200);
  if (typeof email === "string") visitor.email = email.slice(0, 320);
  return visitor;
}

/**
 * Calls `onChange` (debounced, so a title set right after `pushState` is seen) when a
 * single-page app navigates. There is no event for `pushState`/`replaceState`, so those two
 * are wrapped on the page's `history` object: the original runs first, with the same
 * arguments and return value, and later wrappers by other scripts chain on top.
 */
export function watchNavigation(onChange: () => void, delayMs = 300) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method];
    if (typeof original !== "function") continue;
    history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
      const result = original.apply(this, args);
      changed();
      return result;
    };
  }
  window.addEventListener("popstate", changed);
  window.addEventListener("hashchange", changed);
}
