import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { ingestSource } from "@/lib/kb/ingest-source";
import { scheduleRecrawls } from "@/lib/kb/schedule-recrawls";
import { searchBot } from "@/lib/kb/search";
import { createSource, getSource, listDocuments } from "@/lib/kb/sources";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * A website source end to end against a local site: crawl, index, search; a re-crawl
 * skips unchanged pages and removes pages that are gone; the schedule queues due sources.
 */
useTestDatabase({ env: { FETCH_ALLOW_HOSTS: "127.0.0.1" } });

const pages: Record<string, string> = {
  "/": `<html lang="de"><head><title>Velo Hilfe</title></head><body><nav><a href="/versand">Versand</a> <a href="/werkstatt">Werkstatt</a></nav>
    <main><h1>Hilfe-Center</h1><p>Willkommen im Hilfe-Center von Velo. Hier finden Sie Antworten zu Versand und Werkstatt.</p></main></body></html>`,
  "/versand": `<html lang="de"><head><title>Versand</title></head><body><main><h1>Versand</h1>
    <p>Wir liefern innerhalb von Deutschland in zwei Werktagen. Nach Österreich dauert der Versand vier Werktage.</p></main></body></html>`,
  "/werkstatt": `<html lang="de"><head><title>Werkstatt</title></head><body><main><h1>Werkstatt</h1>
    <p>Unsere Werkstatt repariert Räder innerhalb von 48 Stunden. Ersatzteile halten wir vorrätig.</p></main></body></html>`,
};
let requests: string[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nAllow: /\n");
      return;
    }
    const page = pages[req.url ?? ""];
    if (!page) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await stopJobQueue();
  await new Promise((resolve) => server.close(resolve));
});

describe("website source", () => {
  it("crawls the site, indexes its pages, re-crawls incrementally and follows the schedule", async () => {
    const { ctx } = await createOwnerWithWorkspace("Velo Web");
    const bot = await createBot(ctx, { name: "Web" });
    const source = await createSource(ctx, bot.id, { type: "url", url: `${base}/`, maxPages: 10, schedule: "daily" });
    await ingestSource({ workspaceId: ctx.workspaceId, sourceId: source.id });

    const ready = await getSource(ctx, bot.id, source.id);
    expect(ready).toMatchObject({ status: "ready", documentCount: 3 });
    const hits = await searchBot(ctx, bot.id, { query: "Wie lange dauert die Lieferung nach Österreich?" });
    expect(hits[0]!.text).toContain("vier Werktage");
    expect(hits[0]!.url).toBe(`${base}/versand`);

    // Unchanged pages are skipped; a page that disappeared is removed.
    const before = await db().document.findMany({ where: { sourceId: source.id }, select: { key: true, updatedAt: true }, orderBy: { key: "asc" } });
    delete pages["/werkstatt"];
    await ingestSource({ workspaceId: ctx.workspaceId, sourceId: source.id });
    const after = await listDocuments(ctx, bot.id, source.id);
    expect(after.map((d) => d.url).sort()).toEqual([`${base}/`, `${base}/versand`]);
    const unchanged = await db().document.findMany({ where: { sourceId: source.id }, select: { key: true, updatedAt: true }, orderBy: { key: "asc" } });
    expect(unchanged).toEqual(before.filter((d) => !d.key.endsWith("/werkstatt")));
    expect(await searchBot(ctx, bot.id, { query: "Werkstatt 48 Stunden" }).then((r) => r.some((x) => x.text.includes("48 Stunden")))).toBe(false);

    // Due for its daily re-crawl: queued exactly once.
    await db().dataSource.update({ where: { id: source.id }, data: { lastRunAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });
    expect(await scheduleRecrawls()).toBeGreaterThanOrEqual(1);
    expect((await getSource(ctx, bot.id, source.id)).status).toBe("queued");
    expect(await scheduleRecrawls()).toBe(0);
  });

  it("a private address is refused without the allow-list", async () => {
    const { ctx } = await createOwnerWithWorkspace("Velo Private");
    const bot = await createBot(ctx, { name: "P" });
    const source = await createSource(ctx, bot.id, { type: "url", url: `http://10.255.255.1/`, maxPages: 1 });
    requests = [];
    await ingestSource({ workspaceId: ctx.workspaceId, sourceId: source.id });
    const failed = await getSource(ctx, bot.id, source.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/private|blocked/i);
  });
});
