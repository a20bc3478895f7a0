import { parseHTML } from "linkedom";
import { h, render } from "preact";
import { describe, expect, it } from "vitest";
import type { TCitation } from "@/lib/widget/protocol";
import { markdownToPlainText } from "@/widget/frame/markdown/plain-text";
import { renderMarkdown, type TMarkdownContext } from "@/widget/frame/markdown/render";
import { hostileCitationUrls, xssPayloads } from "../../harness/widget-xss-payloads.mjs";

const baseContext: TMarkdownContext = { citations: [], streaming: false, sourceLabel: (n) => `Source ${n}` };

/** Renders through Preact into a DOM, as the frame does, and returns the container. */
function renderToDom(markdown: string, context: Partial<TMarkdownContext> = {}) {
  const { document } = parseHTML("<!doctype html><html><body><div id='root'></div></body></html>");
  const root = document.getElementById("root") as unknown as HTMLElement;
  render(h("div", null, renderMarkdown(markdown, { ...baseContext, ...context })), root);
  return root;
}

const tags = (root: HTMLElement) => Array.from(root.querySelectorAll("*")).map((element) => element.tagName.toLowerCase());
const hrefs = (root: HTMLElement) => Array.from(root.querySelectorAll("a")).map((anchor) => anchor.getAttribute("href"));

describe("markdown renderer: nothing executable gets through", () => {
  it("shows script tags and raw HTML as text", () => {
    const root = renderToDom('Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>');
    expect(tags(root)).toEqual(["div", "p"]);
    expect(root.textContent).toBe('Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>');
  });

  it.each([
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](//evil.example/path)",
    "[click](/relative/path)",
  ])("does not link %s", (markdown) => {
    const root = renderToDom(markdown);
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toBe("click");
  });

  it("does not link javascript: autolinks or bare URLs", () => {
    const root = renderToDom("<javascript:alert(1)> javascript:alert(2)");
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toBe("<javascript:alert(1)> javascript:alert(2)");
  });

  it("never renders images, only their alt text", () => {
    const root = renderToDom("Look: ![a diagram](https://example.com/x.png) and ![x](javascript:alert(1))");
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toBe("Look: a diagram and x");
  });

  it("decodes entities into text, never into markup", () => {
    const root = renderToDom("&lt;b&gt;bold&lt;/b&gt; &amp; &#60;script&#62; &#x3C;i&#x3E; &copy2 &#0; &bogus;");
    expect(tags(root)).toEqual(["div", "p"]);
    expect(root.textContent).toBe("<b>bold</b> & <script> <i> &copy2 \ufffd &bogus;");
  });

  it("keeps quotes in URLs from breaking out of the href", () => {
    const root = renderToDom('[x](https://example.com/"onmouseover="alert(1))');
    const anchor = root.querySelector("a") as HTMLAnchorElement;
    expect(anchor.getAttribute("onmouseover")).toBeNull();
    expect(anchor.getAttribute("href")).toBe("https://example.com/%22onmouseover=%22alert(1)");
  });

  it("keeps HTML inside code blocks and code spans as text", () => {
    const root = renderToDom("Use `<b>` like this:\n\n```html\n<script>alert(1)</script>\n```");
    expect(tags(root)).toEqual(["div", "p", "code", "pre", "code"]);
    expect(root.querySelector("pre")?.textContent).toBe("<script>alert(1)</script>");
  });
});

describe("markdown renderer: the supported subset", () => {
  it("opens http(s), mailto and tel links in a new tab without referrer or opener", () => {
    const root = renderToDom("[Docs](https://example.com/a_b) <mailto:help@example.com> [call](tel:+4930123) see https://example.com/path.");
    expect(hrefs(root)).toEqual(["https://example.com/a_b", "mailto:help@example.com", "tel:+4930123", "https://example.com/path"]);
    for (const anchor of Array.from(root.querySelectorAll("a"))) {
      expect(anchor.getAttribute("target")).toBe("_blank");
      expect(anchor.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    }
    expect(root.textContent).toBe("Docs mailto:help@example.com call see https://example.com/path.");
  });

  it("nests emphasis", () => {
    expect(renderToDom("**bold *italic* bold**").innerHTML).toBe("<div><p><strong>bold <em>italic</em> bold</strong></p></div>");
    expect(renderToDom("*it **bold** it*").innerHTML).toBe("<div><p><em>it <strong>bold</strong> it</em></p></div>");
    expect(renderToDom("***both***").innerHTML).toBe("<div><p><strong><em>both</em></strong></p></div>");
    expect(renderToDom("__bold__ and _it_").innerHTML).toBe("<div><p><strong>bold</strong> and <em>it</em></p></div>");
  });

  it("leaves lone and intraword delimiters alone", () => {
    const root = renderToDom("2 * 3 * 4, snake_case_name, *unclosed and \\*escaped\\*");
    expect(tags(root)).toEqual(["div", "p"]);
    expect(root.textContent).toBe("2 * 3 * 4, snake_case_name, *unclosed and *escaped*");
  });

  it("renders paragraphs, line breaks, headings as bold and lists with nesting", () => {
    const root = renderToDom("## Steps\nFirst line\nsecond line\n\n1. One\n2. Two\n   - nested\n\n- a\n- b");
    expect(root.innerHTML).toBe(
      "<div><p><strong>Steps</strong></p><p>First line<br>second line</p>" +
        "<ol><li>One</li><li><p>Two</p><ul><li>nested</li></ul></li></ol><ul><li>a</li><li>b</li></ul></div>",
    );
  });

  it("keeps the start number of ordered lists", () => {
    expect(renderToDom("3. three\n4. four").querySelector("ol")?.getAttribute("start")).toBe("3");
  });

  it("shows an unclosed code fence (mid-stream) as code", () => {
    expect(renderToDom("```\nconst a = 1;").querySelector("pre")?.textContent).toBe("const a = 1;");
  });

  it("survives pathological input quickly", () => {
    const started = Date.now();
    renderToDom(`${"*a ".repeat(2000)}${"[".repeat(500)}${"**".repeat(500)}`);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("markdown renderer: citations", () => {
  const citations: TCitation[] = [
    { n: 1, title: "Returns", url: "https://shop.example/returns", sourceId: "s1" },
    { n: 2, title: "Internal note", url: null, sourceId: "s2" },
    { n: 3, title: "Bad", url: "javascript:alert(1)", sourceId: "s3" },
  ];

  it("renders known citations as linked superscripts", () => {
    const root = renderToDom("Returns take 30 days [1]. Also [2] and [3].", { citations });
    const sups = Array.from(root.querySelectorAll("sup"));
    expect(sups.map((sup) => sup.textContent)).toEqual(["1", "2", "3"]);
    expect(hrefs(root)).toEqual(["https://shop.example/returns"]);
    expect(root.querySelector("sup a")?.getAttribute("aria-label")).toBe("Source 1");
  });

  it("attaches a citation to the word before it", () => {
    expect(renderToDom("Free returns [1].", { citations }).innerHTML).toMatch(/^<div><p>Free returns<sup /);
  });

  it("splits grouped citations and keeps unknown numbers literal once the answer is done", () => {
    const root = renderToDom("See [1, 2] and [9].", { citations });
    expect(Array.from(root.querySelectorAll("sup")).map((sup) => sup.textContent)).toEqual(["1", "2"]);
    expect(root.textContent).toContain("[9]");
  });

  it("shows plain superscripts while streaming, before citations arrive", () => {
    const root = renderToDom("Returns take 30 days [1]", { streaming: true });
    expect(root.querySelector("sup")?.textContent).toBe("1");
    expect(root.querySelector("a")).toBeNull();
  });

  it("does not take a link like [1](url) for a citation", () => {
    expect(hrefs(renderToDom("[1](https://example.com)", { citations }))).toEqual(["https://example.com/"]);
  });
});

describe("markdownToPlainText", () => {
  it("drops syntax and citations for the live region", () => {
    expect(markdownToPlainText("**Yes** [1], see [the docs](https://x.example).\n\n- one\n- two")).toBe("Yes, see the docs. one two");
  });
});

describe("markdown renderer: the XSS corpus of the end-to-end spec", () => {
  const payloads = xssPayloads();

  it("has at least 200 distinct payloads", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(200);
  });

  it("renders every payload, with hostile citations, without executable markup or unsafe links", () => {
    for (const [index, payload] of payloads.entries()) {
      const urls = hostileCitationUrls(payload);
      const citations: TCitation[] = [
        { n: 1, title: payload, url: urls[index % urls.length] as string, sourceId: "s1" },
        { n: 2, title: "x", url: urls[(index + 4) % urls.length] as string, sourceId: "s2" },
      ];
      for (const streaming of [true, false]) {
        const root = renderToDom(`${payload} [1] [2]`, { citations, streaming });
        const forbidden = tags(root).filter((tag) => !["div", "p", "strong", "em", "code", "pre", "a", "sup", "br", "ul", "ol", "li"].includes(tag));
        const handlers = Array.from(root.querySelectorAll("*")).flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith("on")));
        const unsafe = hrefs(root).filter((href) => !/^(https?:|mailto:|tel:)/.test(href ?? ""));
        expect({ payload, forbidden, handlers, unsafe }).toEqual({ payload, forbidden: [], handlers: [], unsafe: [] });
      }
    }
  });
});
