/**
 * XSS payloads for the widget: each one tries to run `window.__xss=1` or `alert(1)` through
 * a different door (script tags, event handlers, dangerous link schemes in Markdown links and
 * autolinks, SVG/MathML, entities and encodings, broken tags, CSS, frames, template syntax,
 * Markdown images, emphasis around tags, Unicode tricks). Used by the XSS end-to-end spec
 * (as visitor messages and as streamed answers) and by the renderer's unit tests.
 */

const ACTIONS = ["window.__xss=1", "alert(1)"];
const base64 = (text) => Buffer.from(text).toString("base64");

const scriptTags = (js) => [
  `<script>${js}</script>`,
  `<SCRIPT>${js}</SCRIPT>`,
  `<script src="data:text/javascript,${js}"></script>`,
  `<script>/*</script><script>*/${js}</script>`,
  `<<script>${js};//<</script>`,
  `<scr<script>ipt>${js}</scr</script>ipt>`,
  `</textarea><script>${js}</script>`,
  `"><script>${js}</script>`,
  `'><script>${js}</script>`,
  `<script type="module">${js}</script>`,
];

const eventHandlers = (js) => [
  `<img src=x onerror=${js}>`,
  `<img src="x" onerror="${js}">`,
  `<IMG SRC=x ONERROR=${js}>`,
  `<img/src/onerror=${js}>`,
  `<svg onload=${js}>`,
  `<body onload=${js}>`,
  `<input autofocus onfocus=${js}>`,
  `<details open ontoggle=${js}>`,
  `<video><source onerror=${js}></video>`,
  `<audio src=x onerror=${js}>`,
  `<marquee onstart=${js}>x</marquee>`,
  `<div onmouseover="${js}">hover me</div>`,
  `<a href="#" onclick="${js}">click</a>`,
  `<select autofocus onfocus=${js}>`,
  `<textarea autofocus onfocus=${js}>`,
  `<object data=x onerror=${js}>`,
  `<embed src=x onerror=${js}>`,
  `<form><button formaction=javascript:${js}>x</button></form>`,
  `<p onpointerenter=${js}>x</p>`,
  `<img src=x:x onerror=${js} alt="x">`,
];

const links = (js) => [
  `[click](javascript:${js})`,
  `[click](JAVASCRIPT:${js})`,
  `[click]( javascript:${js} )`,
  `[click](java\tscript:${js})`,
  `[click](java&#09;script:${js})`,
  `[click](&#106;avascript:${js})`,
  `[click](javascript&colon;${js})`,
  `[click](%6A%61vascript:${js})`,
  `[click](data:text/html,<script>${js}</script>)`,
  `[click](data:text/html;base64,${base64(`<script>${js}</script>`)})`,
  `[click](vbscript:${js})`,
  `[click](<javascript:${js}>)`,
  `[click](javascript://%0a${js})`,
  `[a](javascript:${js} "title")`,
  `[[nested](javascript:${js})](https://example.com)`,
  `<javascript:${js}>`,
  `<JavaScript:${js}>`,
  `<data:text/html,<script>${js}</script>>`,
  `<vbscript:${js}>`,
  `[x][1]\n\n[1]: javascript:${js}`,
  `javascript:${js}`,
  `https://example.com/"onmouseover="${js}`,
  `https://example.com/<script>${js}</script>`,
  `[https://example.com](javascript:${js})`,
  `<https://example.com/" onclick="${js}>`,
];

const svgAndMath = (js) => [
  `<svg><script>${js}</script></svg>`,
  `<svg><animate onbegin=${js} attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:${js}"><text x=20 y=20>x</text></a></svg>`,
  `<svg><foreignObject><iframe srcdoc="<script>${js}</script>"></iframe></foreignObject></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${js}'/></svg>#x"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
  `<math href="javascript:${js}">CLICK</math>`,
  `<math><maction actiontype="statusline" xlink:href="javascript:${js}">x</maction></math>`,
  `<svg/onload=${js}//`,
];

const encodings = (js) => [
  `&lt;script&gt;${js}&lt;/script&gt;`,
  `&#60;script&#62;${js}&#60;/script&#62;`,
  `&#x3C;img src=x onerror=${js}&#x3E;`,
  `\\u003cscript\\u003e${js}\\u003c/script\\u003e`,
  `%3Cscript%3E${js}%3C%2Fscript%3E`,
  `&amp;lt;script&amp;gt;${js}`,
  `&lt;img src=x onerror=${js}&gt;`,
  `\\x3cscript\\x3e${js}\\x3c/script\\x3e`,
  `+ADw-script+AD4-${js}+ADw-/script+AD4-`,
  `<img src=x onerror=${[...js].map((char) => `&#${char.charCodeAt(0)};`).join("")}>`,
];

const brokenTags = (js) => [
  `<img src=x onerror=${js}`,
  `<script>${js}`,
  `<<img src=x onerror=${js}>>`,
  `<img """><script>${js}</script>">`,
  `<!--<img src="--><img src=x onerror=${js}//">`,
  `<![CDATA[<script>${js}</script>]]>`,
  `</script><script>${js}</script>`,
  `<img src=x onerror=${js} /`,
  `<a href="javascript:${js}"`,
  `<iframe/src="javascript:${js}"`,
  `<style><img src="</style><img src=x onerror=${js}//">`,
  `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
];

const styles = (js) => [
  `<div style="background:url(javascript:${js})">x</div>`,
  `<div style="width:expression(${js})">x</div>`,
  `<style>@import 'javascript:${js}';</style>`,
  `<style>body{background:url("javascript:${js}")}</style>`,
  `<link rel=stylesheet href="javascript:${js}">`,
  `<p style="behavior:url(#default#time2)" onbegin="${js}">x</p>`,
];

const frames = (js) => [
  `<iframe src="javascript:${js}"></iframe>`,
  `<iframe srcdoc="<script>${js}</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=${js}&gt;"></iframe>`,
  `<iframe src="data:text/html,<script>${js}</script>"></iframe>`,
  `<frameset onload=${js}>`,
  `<object data="javascript:${js}"></object>`,
  `<embed src="javascript:${js}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${js}">`,
  `<base href="javascript:${js}//">`,
];

const templates = (js) => [
  `{{constructor.constructor('${js}')()}}`,
  `{{$on.constructor('${js}')()}}`,
  `\${${js}}`,
  `<%= ${js} %>`,
  `#{${js}}`,
  `{{{${js}}}}`,
  `[[${js}]]`,
  `{{ '<script>${js}</script>' | safe }}`,
  `{% ${js} %}`,
  `<div v-html="'<img src=x onerror=${js}>'"></div>`,
];

const images = (js) => [
  `![x](javascript:${js})`,
  `![x](https://example.com/x.png" onerror="${js})`,
  `![<img src=x onerror=${js}>](https://example.com/x.png)`,
  `![x](data:image/svg+xml,<svg onload=${js}>)`,
  `[![x](https://example.com/x.png)](javascript:${js})`,
  `![x][img]\n\n[img]: javascript:${js}`,
  `!\\[x](javascript:${js})`,
  `<img src="https://example.com/x.png" onload="${js}">`,
];

const emphasis = (js) => [
  `**<img src=x onerror=${js}>**`,
  `*<script>${js}</script>*`,
  `_<svg onload=${js}>_`,
  `***[x](javascript:${js})***`,
  `**bold *<iframe src=javascript:${js}>* bold**`,
  `\`<script>${js}</script>\``,
  `\`\`\`html\n<script>${js}</script>\n\`\`\``,
  `~~<img src=x onerror=${js}>~~`,
  `# <img src=x onerror=${js}>`,
  `- <script>${js}</script>\n- [x](javascript:${js})`,
  `> <img src=x onerror=${js}>`,
  `1. **<svg onload=${js}>**`,
];

const unicode = (js) => [
  `＜script＞${js}＜/script＞`,
  `<scr\u200bipt>${js}</scr\u200bipt>`,
  `\u202e>tpircs/<${js}>tpircs<`,
  `[click](java\u0000script:${js})`,
  `[click](java\u200bscript:${js})`,
  `[click](\u0001javascript:${js})`,
  `<a href="jav&#x0A;ascript:${js}">x</a>`,
  `\ufeff<script>${js}</script>`,
  `<ſcript>${js}</ſcript>`,
  `<img src=x onerror=${js}>😀`,
  `𝓳𝓪𝓿𝓪𝓼𝓬𝓻𝓲𝓹𝓽:${js}`,
  `[click](ｊａｖａｓｃｒｉｐｔ:${js})`,
  `[click](javascript\uff1a${js})`,
  `<img src=x onerror="${js}"\u2028>`,
];

const FAMILIES = [scriptTags, eventHandlers, links, svgAndMath, encodings, brokenTags, styles, frames, templates, images, emphasis, unicode];

/** Every family with both actions, without duplicates, in a stable order. */
export function xssPayloads() {
  return [...new Set(FAMILIES.flatMap((family) => ACTIONS.flatMap((js) => family(js))))];
}

/** Link targets for citations: each scheme a renderer might let through, and one payload. */
export function hostileCitationUrls(payload) {
  return [
    "javascript:window.__xss=1",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:window.__xss=1",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    'https://example.com/"><img src=x onerror=alert(1)>',
    "//evil.example/x",
    payload,
  ];
}
