/**
 * Styles of the loader's shadow root. `:host { all: initial !important }` resets the host
 * element and what it passes on by inheritance (font, colour, line height): important
 * declarations from inside a shadow tree beat the page's, even its !important ones.
 * The iframe is only hidden, never removed, so a restored conversation stays connected.
 */
export const LOADER_CSS = `
:host{all:initial!important}
.w{position:fixed;bottom:20px;right:20px;z-index:2147483000;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.w.l{right:auto;left:20px}
.b{position:relative;display:flex;align-items:center;justify-content:center;box-sizing:border-box;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:var(--p);color:var(--o);cursor:pointer;box-shadow:0 6px 20px rgba(17,24,39,.22),0 2px 4px rgba(17,24,39,.12);transition:transform .15s ease}
.b:hover{transform:scale(1.06)}
.b:focus{outline:none}
.b:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #111827}
.b svg{width:28px;height:28px}
.n{position:absolute;top:-4px;right:-4px;box-sizing:border-box;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
.n[hidden]{display:none}
.f{position:fixed;bottom:88px;right:20px;box-sizing:border-box;width:min(380px,calc(100vw - 40px));height:min(680px,calc(100vh - 108px));margin:0;padding:0;border:0;border-radius:16px;background:#fff;color-scheme:light;box-shadow:0 16px 48px rgba(17,24,39,.2),0 2px 8px rgba(17,24,39,.08);opacity:0;visibility:hidden;transform:translateY(12px);transition:opacity .2s ease,transform .2s ease,visibility 0s linear .2s}
.l .f{right:auto;left:20px}
.open .f{opacity:1;visibility:visible;transform:none;transition:opacity .2s ease,transform .2s ease}
@media (max-width:480px),(max-height:520px){
.f{top:0;right:0;bottom:0;left:0;width:100%;height:100%;border-radius:0;box-shadow:none}
.l .f{left:0}
.open .b{display:none}
}
@media (prefers-reduced-motion:reduce){.b,.f,.open .f{transition:none}}
`;
