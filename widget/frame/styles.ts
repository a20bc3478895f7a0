/**
 * The frame's whole stylesheet (no Tailwind runtime). Colours come from custom
 * properties set from the bot config; see applyTheme().
 */
import { resolveColors } from "../shared/colors";
import type { TWidgetConfig } from "../../lib/widget/protocol";

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html,body,#app{height:100%;margin:0}
html{color-scheme:light}
body{font:15px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif,"Apple Color Emoji","Segoe UI Emoji";color:#111827;background:#fff;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
button{font:inherit;color:inherit;cursor:pointer}
:focus{outline:none}
:focus-visible{outline:2px solid var(--cw-accent);outline-offset:2px}
[hidden]{display:none!important}
.cw-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.cw-panel{display:flex;flex-direction:column;height:100%;background:#fff}
.cw-header{display:flex;flex:none;align-items:center;gap:10px;padding:12px 10px 12px 16px;background:var(--cw-primary);color:var(--cw-on-primary)}
.cw-header :focus-visible{outline-color:currentColor}
.cw-avatar{display:flex;flex:none;align-items:center;justify-content:center;width:36px;height:36px;border-radius:50%;background:rgba(128,128,128,.25);background:color-mix(in srgb,currentColor 18%,transparent)}
.cw-avatar svg{width:20px;height:20px}
.cw-avatar img{width:100%;height:100%;border-radius:50%;object-fit:cover}
.cw-initials{font-size:14px;font-weight:600;letter-spacing:.02em}
.cw-avatar-sm{width:20px;height:20px;background:#e5e7eb;color:#374151}
.cw-avatar-sm svg{width:13px;height:13px}
.cw-avatar-sm .cw-initials{font-size:9px}
.cw-head{flex:1;min-width:0}
.cw-title{margin:0;font-size:16px;font-weight:600;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cw-subtitle{margin:0;font-size:12px;line-height:1.25;opacity:.85;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cw-menu-wrap{position:relative;flex:none}
.cw-menu{position:absolute;top:calc(100% + 6px);right:0;z-index:20;min-width:220px;padding:6px;border:1px solid #e5e7eb;border-radius:12px;background:#fff;color:#111827;box-shadow:0 12px 32px rgba(17,24,39,.18)}
.cw-menu-item{display:block;width:100%;padding:9px 12px;border:0;border-radius:8px;background:none;color:#111827;font-size:14px;text-align:left;white-space:nowrap}
.cw-menu-item:hover,.cw-menu-item:focus{background:#f3f4f6}
.cw-menu-item:focus-visible{outline:2px solid var(--cw-accent);outline-offset:-2px}
.cw-live-slot{flex:none}
.cw-live{display:flex;align-items:center;gap:8px;margin:0;padding:8px 14px;border-bottom:1px solid #e5e7eb;background:#f9fafb;color:#374151;font-size:13px}
.cw-live-wait{background:#eff6ff;border-color:#dbeafe;color:#1e3a8a}
.cw-live-error{background:#fef2f2;border-color:#fecaca;color:#991b1b}
.cw-pulse{flex:none;width:8px;height:8px;border-radius:50%;background:currentColor;animation:cw-pulse 1.4s infinite ease-in-out}
@keyframes cw-pulse{0%,100%{opacity:.35}50%{opacity:1}}
.cw-survey{margin-top:12px;padding:14px;border:1px solid #e5e7eb;border-radius:14px;background:#fff}
.cw-sheet .cw-survey{margin:0;padding:4px 0 8px;border:0}
.cw-survey form{display:flex;flex-direction:column;gap:12px}
.cw-survey-title{margin:0;font-size:16px;font-weight:600;line-height:1.35}
.cw-survey-thanks{margin:0;font-size:15px;font-weight:600;color:#14532d}
.cw-survey-done{display:flex;flex-direction:column;gap:10px}
.cw-stars-set{margin:0;padding:0;border:0;min-width:0}
.cw-stars{display:flex;gap:2px}
.cw-star{position:relative}
.cw-star-input{position:absolute;top:0;left:0;width:1px;height:1px;margin:0;opacity:0}
.cw-star-label{display:flex;align-items:center;justify-content:center;width:44px;height:44px;border-radius:10px;color:#6b7280;cursor:pointer}
.cw-star-label svg{width:30px;height:30px;stroke-width:1.6}
.cw-star-label.cw-on{color:#d97706}
.cw-star-label.cw-on svg{fill:currentColor}
.cw-star-input:focus-visible+.cw-star-label{outline:2px solid var(--cw-accent);outline-offset:0}
.cw-survey-comment{min-height:64px}
.cw-survey .cw-actions{flex-wrap:wrap-reverse;gap:8px}
.cw-survey .cw-btn{white-space:nowrap}
.cw-pre-line{white-space:pre-line}
.cw-hbtn{display:flex;flex:none;align-items:center;justify-content:center;width:36px;height:36px;padding:0;border:0;border-radius:10px;background:transparent}
.cw-hbtn:hover{background:rgba(128,128,128,.2);background:color-mix(in srgb,currentColor 14%,transparent)}
.cw-hbtn svg,.cw-send svg{width:20px;height:20px}
.cw-banner{display:flex;flex:none;flex-wrap:wrap;align-items:center;justify-content:center;gap:4px 8px;padding:8px 12px;font-size:13px;background:#f3f4f6;color:#374151}
.cw-banner-off{background:#fef2f2;color:#991b1b}
.cw-link-btn{padding:2px 4px;border:0;border-radius:4px;background:none;font-weight:600;text-decoration:underline;text-underline-offset:2px}
.cw-confirm{flex:none;padding:12px 16px;border-bottom:1px solid #fde68a;background:#fffbeb;font-size:14px}
.cw-confirm p{margin:0 0 10px}
.cw-actions{display:flex;justify-content:flex-end;gap:8px}
.cw-btn{padding:6px 14px;border:1px solid #d1d5db;border-radius:8px;background:#fff;font-size:14px;font-weight:500}
.cw-btn-danger{border-color:#b91c1c;background:#b91c1c;color:#fff}
.cw-btn-primary{border-color:var(--cw-primary);background:var(--cw-primary);color:var(--cw-on-primary);font-weight:600}
.cw-btn[aria-disabled=true]{opacity:.6;cursor:progress}
.cw-chat{display:flex;flex:1;flex-direction:column;min-height:0}
.cw-log{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px 8px}
.cw-list{display:flex;flex-direction:column;gap:10px;margin:0;padding:0;list-style:none}
.cw-row{display:flex;flex-direction:column;align-items:flex-start;max-width:86%}
.cw-me{align-self:flex-end;align-items:flex-end}
.cw-bubble{padding:9px 13px;border-radius:16px;background:#f3f4f6;color:#111827;overflow-wrap:anywhere}
.cw-them .cw-bubble{border-bottom-left-radius:4px}
.cw-me .cw-bubble{border-bottom-right-radius:4px;background:var(--cw-primary);color:var(--cw-on-primary);white-space:pre-wrap}
.cw-bot-failed .cw-bubble{background:#fef2f2}
.cw-author{display:flex;align-items:center;gap:6px;margin:0 0 3px 2px;font-size:12px;color:#4b5563}
.cw-meta{margin-top:3px;font-size:12px;color:#6b7280}
.cw-fail{display:flex;flex-wrap:wrap;align-items:center;justify-content:flex-end;gap:2px 6px;margin-top:3px;font-size:12px;color:#b91c1c;text-align:right}
.cw-sending .cw-bubble{opacity:.8}
.cw-sys{align-self:center;max-width:90%;font-size:12px;color:#6b7280;text-align:center}
.cw-notice{align-self:stretch;padding:10px 12px;border:1px solid #bbf7d0;border-radius:12px;background:#f0fdf4;color:#14532d;font-size:14px}
.cw-md p{margin:0 0 8px}
.cw-md>:last-child,.cw-md li>:last-child{margin-bottom:0}
.cw-md ul,.cw-md ol{margin:0 0 8px;padding-left:20px}
.cw-md li{margin:3px 0}
.cw-md a{color:var(--cw-accent);text-decoration:underline;text-underline-offset:2px}
.cw-md code{padding:1px 4px;border-radius:4px;background:rgba(17,24,39,.07);font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.cw-md pre{margin:0 0 8px;padding:10px 12px;border-radius:8px;background:#1f2937;color:#f9fafb;overflow-x:auto}
.cw-md pre code{padding:0;background:none;color:inherit;white-space:pre}
.cw-cite{margin-left:2px;font-size:11px;line-height:0}
.cw-cite a{padding:1px 5px;border-radius:8px;background:rgba(17,24,39,.08);text-decoration:none}
.cw-cite a:hover{background:var(--cw-primary);color:var(--cw-on-primary)}
.cw-sources{margin-top:10px;padding-top:8px;border-top:1px solid rgba(17,24,39,.1);font-size:13px}
.cw-sources-title{margin:0 0 4px;font-size:11px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:#6b7280}
.cw-sources ol{margin:0;padding-left:20px}
.cw-sources li{margin:2px 0}
.cw-sources a{color:var(--cw-accent)}
.cw-typing{display:inline-flex;gap:4px;padding:6px 0}
.cw-typing i{width:7px;height:7px;border-radius:50%;background:#9ca3af;animation:cw-bounce 1.2s infinite ease-in-out}
.cw-typing i:nth-child(2){animation-delay:.15s}
.cw-typing i:nth-child(3){animation-delay:.3s}
@keyframes cw-bounce{0%,60%,100%{transform:translateY(0);opacity:.5}30%{transform:translateY(-4px);opacity:1}}
.cw-chips{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px;margin:2px 0 0 14%}
.cw-chip{padding:7px 13px;border:1px solid var(--cw-accent);border-radius:999px;background:#fff;color:var(--cw-accent);font-size:14px;line-height:1.3;text-align:left}
.cw-chip:hover{border-color:var(--cw-primary);background:var(--cw-primary);color:var(--cw-on-primary)}
.cw-composer{flex:none;padding:10px 12px;border-top:1px solid #e5e7eb}
.cw-composer-row{display:flex;align-items:flex-end;gap:8px}
.cw-count{margin:6px 2px 0;font-size:12px;color:#6b7280;text-align:right}
.cw-count-over{color:#b91c1c;font-weight:600}
.cw-error{margin:4px 2px 0;font-size:13px;color:#b91c1c}
.cw-leave{display:flex;flex:none;justify-content:center;padding:4px 12px 6px}
.cw-leave-btn{display:inline-flex;align-items:center;gap:6px;padding:4px 10px;border:0;border-radius:999px;background:none;color:var(--cw-accent);font-size:13px;font-weight:500}
.cw-leave-btn:hover{background:#f3f4f6}
.cw-leave-btn svg{width:16px;height:16px}
.cw-form{display:flex;flex-direction:column;gap:12px;margin-top:12px;padding:14px;border:1px solid #e5e7eb;border-radius:14px;background:#fff}
.cw-sheet .cw-form{margin:0;padding:2px 0 8px;border:0}
.cw-form-title{margin:0;font-size:17px;font-weight:600}
.cw-form-intro{margin:0;font-size:14px;color:#374151}
.cw-hint{margin:0;font-size:12px;color:#6b7280}
.cw-form-error{margin:0;padding:8px 10px;border-radius:8px;background:#fef2f2;color:#991b1b;font-size:13px}
.cw-field{display:flex;flex-direction:column;gap:4px}
.cw-field label{font-size:14px;font-weight:500}
.cw-field .cw-error{margin:0}
.cw-req{color:#b91c1c}
.cw-control{width:100%;margin:0;padding:9px 12px;border:1px solid #d1d5db;border-radius:10px;background:#fff;color:inherit;font:inherit;font-size:16px;line-height:1.35}
textarea.cw-control{min-height:96px;resize:vertical}
.cw-control:focus{border-color:var(--cw-accent);outline:1px solid var(--cw-accent);outline-offset:0}
.cw-control[aria-invalid=true]{border-color:#b91c1c}
.cw-input{flex:1;min-width:0;max-height:140px;margin:0;padding:9px 12px;border:1px solid #d1d5db;border-radius:12px;background:#fff;color:inherit;font:inherit;font-size:16px;line-height:1.35;resize:none}
.cw-input::placeholder{color:#9ca3af}
.cw-input:focus{border-color:var(--cw-accent);outline:1px solid var(--cw-accent);outline-offset:0}
.cw-send{display:flex;flex:none;align-items:center;justify-content:center;width:42px;height:42px;padding:0;border:0;border-radius:12px;background:var(--cw-primary);color:var(--cw-on-primary)}
.cw-send:disabled{opacity:.45;cursor:default}
.cw-brand{flex:none;padding:0 0 8px;font-size:11px;text-align:center;color:#6b7280}
.cw-brand a{color:inherit;text-decoration:none}
.cw-brand a:hover{text-decoration:underline}
@media (prefers-reduced-motion:reduce){.cw-typing i,.cw-pulse{animation:none}}
`;

/**
 * Constructable stylesheets are not subject to CSP `style-src`; older browsers get a
 * <style> element carrying the nonce of the frame's own script tag.
 */
export function injectStyles(doc: Document, nonce: string | undefined) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    const style = doc.createElement("style");
    if (nonce) style.nonce = nonce;
    style.textContent = CSS;
    doc.head.appendChild(style);
  }
}

export function applyTheme(root: HTMLElement, config: TWidgetConfig) {
  const colors = resolveColors(config.colors);
  root.style.setProperty("--cw-primary", colors.primary);
  root.style.setProperty("--cw-on-primary", colors.onPrimary);
  root.style.setProperty("--cw-accent", colors.accentText);
}
