import { expect, test } from "@playwright/test";

/**
 * Every public page renders in both languages with a title, a description, hreflang
 * alternates and legal links in the footer, and no internal link on them is broken:
 * the crawler follows every same-origin link it finds, starting from both home pages.
 */
const START = ["/", "/en"];
const SKIP = [/^\/api\//, /^\/_next\//];

test("public site: every internal link resolves and every page is complete", async ({ page, request, baseURL }) => {
  const seen = new Set<string>();
  const queue = [...START];
  const pages: string[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await request.get(path, { maxRedirects: 5 });
    expect(response.status(), `GET ${path}`).toBe(200);
    const type = response.headers()["content-type"] ?? "";
    if (!type.includes("text/html")) continue;
    // Only crawl onwards from the marketing site (app pages are covered by their own tests).
    if (/^\/(login|signup|forgot-password|reset-password|verify-email|dashboard|dev)/.test(path)) continue;
    pages.push(path);
    await page.goto(path);
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== baseURL) continue;
      if (SKIP.some((re) => re.test(url.pathname))) continue;
      if (!seen.has(url.pathname)) queue.push(url.pathname);
    }
  }
  expect(pages.length).toBeGreaterThanOrEqual(14);

  for (const path of pages) {
    await page.goto(path);
    const lang = await page.getAttribute("html", "lang");
    expect(lang, `lang of ${path}`).toBe(path === "/en" || path.startsWith("/en/") ? "en" : "de");
    expect((await page.title()).length, `title of ${path}`).toBeGreaterThan(5);
    const description = await page.getAttribute('meta[name="description"]', "content");
    expect(description?.length ?? 0, `description of ${path}`).toBeGreaterThan(30);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]'), `hreflang en on ${path}`).toHaveCount(1);
    await expect(page.locator('link[rel="alternate"][hreflang="de"]'), `hreflang de on ${path}`).toHaveCount(1);
    const footer = page.locator("footer");
    const legal = path.startsWith("/en") ? ["/en/privacy", "/en/imprint", "/en/terms"] : ["/datenschutz", "/impressum", "/agb"];
    for (const href of legal) await expect(footer.locator(`a[href="${href}"]`).first(), `${href} in footer of ${path}`).toBeVisible();
  }
});

test("sitemap.xml and robots.txt describe the public site", async ({ request }) => {
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  for (const path of ["/preise", "/en/pricing", "/datenschutz", "/en/privacy", "/faq", "/en/faq"]) {
    expect(xml).toContain(`${path}</loc>`);
  }
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  expect(text).toMatch(/Disallow: \/dashboard/);
  expect(text).toMatch(/Sitemap: http/);
});

test("imprint shows a visible notice while the operator is not configured", async ({ page }) => {
  await page.goto("/impressum");
  await expect(page.getByText(/OPERATOR_NAME/).first()).toBeVisible();
  await page.goto("/en/imprint");
  await expect(page.getByText(/OPERATOR_NAME/).first()).toBeVisible();
});
