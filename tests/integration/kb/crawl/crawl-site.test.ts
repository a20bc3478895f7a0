import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlSite, type TCrawlOptions, type TCrawlPage } from "@/lib/kb/crawl/crawl-site";
import { page, startFixtureSite, type TFixtureSite } from "./fixture-server";

/**
 * The crawler against a local fixture site (issue 3 "Tests"): sitemap, robots.txt,
 * redirects, redirect loops, 404s, huge pages, non-HTML responses, duplicate pages,
 * external links, limits and patterns.
 */
const UA = "ChatwerkBot/1.0 (+http://chatwerk.test)";
const MAX_BYTES = 256 * 1024;
let site: TFixtureSite;
let external: TFixtureSite;

beforeAll(async () => {
  external = await startFixtureSite(() => ({ "/": page("External", "<p>Should never be fetched.</p>") }));
  site = await startFixtureSite((s) => ({
    "/robots.txt": { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private\n" },
    "/sitemap.xml": {
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>${s.origin}/about</loc></url>
  <url><loc>${s.origin}/faq?utm_source=sitemap</loc></url>
  <url><loc>${s.origin}/private/secret</loc></url>
  <url><loc>http://localhost:${external.port}/</loc></url>
</urlset>`,
    },
    "/sitemap-index.xml": {
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${s.origin}/sitemap-docs.xml.gz</loc></sitemap></sitemapindex>`,
    },
    "/sitemap-docs.xml.gz": {
      headers: { "content-type": "application/gzip" },
      body: gzipSync(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${s.origin}/docs/start</loc></url></urlset>`),
    },
    "/": page(
      "Home",
      `<p>Welcome to the fixture shop.</p>
       <ul>
         <li><a href="/about?utm_source=home&utm_medium=link#team">About</a></li>
         <li><a href="/faq">FAQ</a></li>
         <li><a href="/docs/start">Docs</a></li>
         <li><a href="/private/secret">Secret</a></li>
         <li><a href="/old">Old page</a></li>
         <li><a href="/loop-a">Loop</a></li>
         <li><a href="/missing">Missing</a></li>
         <li><a href="/huge">Huge</a></li>
         <li><a href="/manual.pdf">Manual</a></li>
         <li><a href="/dup-a">Copy A</a></li>
         <li><a href="/dup-b">Copy B</a></li>
         <li><a href="/to-other-host">Moved away</a></li>
         <li><a href="http://localhost:${external.port}/">Partner</a></li>
         <li><a href="mailto:hello@example.com">Mail</a></li>
       </ul>`,
    ),
    "/about": page("About us", "<h2>Team</h2><p>We are a small team in Berlin.</p><a href='/deep/1'>Deeper</a>"),
    "/faq": page("FAQ", "<h2>How do I return a bike?</h2><p>Within 14 days.</p>"),
    "/docs/start": page("Getting started", "<p>Install the app.</p><a href='/docs/next'>Next</a>"),
    "/docs/next": page("Next steps", "<p>Configure the app.</p>"),
    "/imprint": page("Imprint", "<p>Fixture GmbH, Berlin.</p>"),
    "/private/secret": page("Secret", "<p>Must not be crawled.</p>"),
    "/old": { status: 301, headers: { location: "/older" } },
    "/older": { status: 302, headers: { location: "/new" } },
    "/new": page("New page", "<p>The page moved here.</p>"),
    "/loop-a": { status: 302, headers: { location: "/loop-b" } },
    "/loop-b": { status: 302, headers: { location: "/loop-a" } },
    "/huge": page("Huge", `<p>${"lorem ipsum ".repeat(60_000)}</p>`),
    "/manual.pdf": { headers: { "content-type": "application/pdf" }, body: "%PDF-1.4 fake" },
    "/dup-a": page("Copy", "<p>Exactly the same text on two URLs.</p>"),
    "/dup-b": page("Copy", "<p>Exactly the same text on two URLs.</p>"),
    "/to-other-host": { status: 302, headers: { location: `http://127.0.0.2:${s.port}/` } },
    "/deep/1": page("Deep 1", "<p>One.</p><a href='/deep/2'>2</a>"),
    "/deep/2": page("Deep 2", "<p>Two.</p><a href='/deep/3'>3</a>"),
    "/deep/3": page("Deep 3", "<p>Three.</p>"),
  }));
});

afterAll(async () => {
  await site.close();
  await external.close();
});

async function crawl(options: Partial<TCrawlOptions> = {}) {
  const pages: TCrawlPage[] = [];
  const summary = await crawlSite({
    startUrl: `${site.origin}/`,
    allowHosts: ["127.0.0.1"],
    userAgent: UA,
    maxBytes: MAX_BYTES,
    ...options,
    onPage: (p) => {
      pages.push(p);
    },
  });
  const byPath = new Map(pages.map((p) => [new URL(p.requestedUrl ?? p.url).pathname, p]));
  return { summary, pages, byPath };
}

describe("crawlSite", () => {
  it("crawls the site and reports every page with a readable outcome", async () => {
    const requestsBefore = site.requests.length;
    const { summary, pages, byPath } = await crawl({ maxDepth: 1 });
    const requested = site.requests.slice(requestsBefore);

    // Pages with content, extracted without navigation and footer.
    const home = byPath.get("/")!;
    expect(home.status).toBe("ok");
    expect(home.document?.title).toBe("Home");
    expect(home.document?.url).toBe(`${site.origin}/`);
    expect(home.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const homeText = JSON.stringify(home.document?.blocks);
    expect(homeText).toContain("Welcome to the fixture shop.");
    expect(homeText).not.toContain("Fixture GmbH");
    expect(byPath.get("/about")).toMatchObject({ status: "ok", url: `${site.origin}/about`, depth: 1 });
    expect(byPath.get("/about")?.document?.blocks).toContainEqual({ kind: "heading", level: 2, text: "Team" });
    expect(byPath.get("/imprint")?.status).toBe("ok"); // linked from the footer: links come from the raw HTML

    // utm parameters and fragments are dropped: /about is fetched once.
    expect(requested.filter((r) => r.startsWith("/about"))).toEqual(["/about"]);

    // robots.txt: fetched first, /private never requested.
    expect(requested[0]).toBe("/robots.txt");
    expect(byPath.get("/private/secret")).toMatchObject({ status: "skipped", reason: "Disallowed by robots.txt" });
    expect(requested.some((r) => r.startsWith("/private"))).toBe(false);

    // Redirect chain: the final URL is reported.
    expect(byPath.get("/old")).toMatchObject({ status: "ok", url: `${site.origin}/new`, requestedUrl: `${site.origin}/old` });
    expect(byPath.get("/old")?.document?.title).toBe("New page");

    expect(byPath.get("/loop-a")).toMatchObject({ status: "failed", reason: expect.stringMatching(/^Redirect loop/) });
    expect(byPath.get("/missing")).toMatchObject({ status: "failed", reason: "HTTP 404" });
    expect(byPath.get("/huge")).toMatchObject({ status: "failed", reason: "Response larger than 256 KB" });
    expect(byPath.get("/manual.pdf")).toMatchObject({ status: "skipped", reason: "Not an HTML page (application/pdf)" });

    // Duplicate content at two URLs: one document.
    const copies = [byPath.get("/dup-a")!, byPath.get("/dup-b")!];
    expect(copies.filter((p) => p.status === "ok")).toHaveLength(1);
    expect(copies.find((p) => p.status === "skipped")?.reason).toMatch(/^Same content as http:\/\/127\.0\.0\.1:\d+\/dup-[ab]$/);
    expect(copies[0]!.contentHash).toBe(copies[1]!.contentHash);

    // Leaving the site: not even one hop.
    expect(byPath.get("/to-other-host")).toMatchObject({ status: "skipped", reason: `Redirects to another site (http://127.0.0.2:${site.port}/)` });
    expect(external.requests).toEqual([]);
    expect(pages.some((p) => p.url.includes(`:${external.port}`))).toBe(false);

    // Depth 1: /deep/1 is linked from /about (depth 1) and so not fetched.
    expect(requested).not.toContain("/deep/1");

    // Every URL reported once; the summary adds up.
    expect(new Set(pages.map((p) => p.requestedUrl ?? p.url)).size).toBe(pages.length);
    expect(summary.pages).toBe(pages.filter((p) => p.status === "ok").length);
    expect(summary.failed).toBe(3);
    expect(summary.skipped).toBe(pages.filter((p) => p.status === "skipped").length);
    expect(summary.pages + summary.failed + summary.skipped).toBe(pages.length);
    expect(site.userAgents.slice(requestsBefore).every((ua) => ua === UA)).toBe(true);
  });

  it("respects the depth limit", async () => {
    const deep = await crawl({ maxDepth: 3, include: ["/about", "/deep/*"] });
    expect(deep.byPath.get("/deep/2")?.status).toBe("ok");
    expect(deep.byPath.has("/deep/3")).toBe(false);
    const none = await crawl({ maxDepth: 0 });
    expect(none.pages.map((p) => new URL(p.url).pathname)).toEqual(["/"]);
  });

  it("stops after maxPages fetched pages", async () => {
    const before = site.requests.length;
    const { summary, pages } = await crawl({ maxPages: 3, concurrency: 3 });
    const fetchedPages = site.requests.slice(before).filter((r) => r !== "/robots.txt");
    expect(fetchedPages.length).toBe(3);
    expect(summary.fetched).toBe(3);
    expect(pages.filter((p) => p.reason !== "Disallowed by robots.txt")).toHaveLength(3);
  });

  it("applies include and exclude patterns to discovered links", async () => {
    const before = site.requests.length;
    const included = await crawl({ include: ["/docs/*"] });
    expect(included.byPath.get("/")).toMatchObject({ status: "skipped", reason: "Does not match the include/exclude patterns" });
    expect(included.pages.filter((p) => p.status === "ok").map((p) => new URL(p.url).pathname).sort()).toEqual(["/docs/next", "/docs/start"]);
    expect(site.requests.slice(before).filter((r) => r !== "/robots.txt" && r !== "/" && !r.startsWith("/docs/"))).toEqual([]);

    const excluded = await crawl({ exclude: ["/dup-", "*.pdf", "/loop"], maxDepth: 1 });
    const paths = excluded.pages.map((p) => new URL(p.requestedUrl ?? p.url).pathname);
    expect(paths).toContain("/about");
    expect(paths.filter((p) => p.startsWith("/dup-") || p.endsWith(".pdf") || p.startsWith("/loop"))).toEqual([]);
  });

  it("crawls the URLs of a sitemap instead of following links", async () => {
    const before = site.requests.length;
    const { pages, byPath } = await crawl({ startUrl: `${site.origin}/sitemap.xml` });
    expect(pages.filter((p) => p.status === "ok").map((p) => new URL(p.url).pathname).sort()).toEqual(["/about", "/faq"]);
    expect(byPath.get("/private/secret")?.status).toBe("skipped");
    const requested = site.requests.slice(before);
    expect(requested).not.toContain("/deep/1"); // linked from /about, but a sitemap crawl does not follow links
    expect(requested).not.toContain("/");
    expect(external.requests).toEqual([]);

    const index = await crawl({ startUrl: `${site.origin}/sitemap-index.xml` });
    expect(index.pages.map((p) => [new URL(p.url).pathname, p.status])).toEqual([["/docs/start", "ok"]]);

    const missing = await crawl({ startUrl: `${site.origin}/nope.xml` });
    expect(missing.pages).toEqual([{ url: `${site.origin}/nope.xml`, status: "failed", reason: "Sitemap not available (HTTP 404)", depth: 0 }]);
  });

  it("fails a private start URL with the reason when the host is not allowed", async () => {
    const before = site.connections;
    const { summary, pages } = await crawl({ allowHosts: [] });
    expect(summary).toMatchObject({ pages: 0, failed: 1 });
    expect(pages[0]?.reason).toBe("Blocked: 127.0.0.1 is a loopback address");
    expect(site.connections).toBe(before);
  });
});

describe("robots.txt groups and crawl-delay", () => {
  let polite: TFixtureSite;
  beforeAll(async () => {
    polite = await startFixtureSite(() => ({
      "/robots.txt": {
        headers: { "content-type": "text/plain" },
        body: "User-agent: *\nDisallow: /\n\nUser-agent: ChatwerkBot\nDisallow: /not-for-chatwerk\nCrawl-delay: 1\n",
      },
      "/": { body: "<title>Polite</title><p>Start.</p><a href='/a'>A</a> <a href='/not-for-chatwerk'>No</a>" },
      "/a": { body: "<title>A</title><p>Allowed for ChatwerkBot.</p>" },
      "/not-for-chatwerk": { body: "<title>No</title><p>No.</p>" },
    }));
  });
  afterAll(async () => {
    await polite.close();
  });

  it("uses the ChatwerkBot group over * and waits the crawl-delay between requests", async () => {
    const pages: TCrawlPage[] = [];
    await crawlSite({ startUrl: `${polite.origin}/`, allowHosts: ["127.0.0.1"], userAgent: UA, concurrency: 2, onPage: (p) => void pages.push(p) });
    expect(pages.map((p) => [new URL(p.url).pathname, p.status]).sort()).toEqual([
      ["/", "ok"],
      ["/a", "ok"],
      ["/not-for-chatwerk", "skipped"],
    ]);
    const pageTimes = polite.times.filter((_, i) => polite.requests[i] !== "/robots.txt");
    expect(pageTimes).toHaveLength(2);
    expect(pageTimes[1]! - pageTimes[0]!).toBeGreaterThanOrEqual(950);
  });

  it("treats an unavailable robots.txt as disallow-all with a reason", async () => {
    const broken = await startFixtureSite(() => ({ "/robots.txt": { status: 503, body: "down" }, "/": page("Home", "<p>Hi</p>") }));
    const pages: TCrawlPage[] = [];
    await crawlSite({ startUrl: `${broken.origin}/`, allowHosts: ["127.0.0.1"], userAgent: UA, onPage: (p) => void pages.push(p) });
    expect(pages).toEqual([{ url: `${broken.origin}/`, status: "failed", reason: "robots.txt unavailable (HTTP 503)", depth: 0 }]);
    expect(broken.requests).toEqual(["/robots.txt"]);
    await broken.close();
  });
});
