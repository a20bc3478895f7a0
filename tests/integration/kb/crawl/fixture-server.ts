import http from "node:http";
import type { AddressInfo } from "node:net";

export type TFixtureResponse = { status?: number; headers?: Record<string, string>; body?: string | Buffer };
export type TFixtureRoute = TFixtureResponse | ((req: http.IncomingMessage, site: TFixtureSite) => TFixtureResponse);

export type TFixtureSite = {
  port: number;
  origin: string;
  /** Paths (with query) requested, in order. */
  requests: string[];
  /** Times (ms) of each request, same order. */
  times: number[];
  /** TCP connections accepted, to prove a blocked fetch never connected. */
  connections: number;
  userAgents: string[];
  close(): Promise<void>;
};

/**
 * A local site on 127.0.0.1 and a random port, answering from a route table (exact path
 * with query, then path only). Unknown paths are 404.
 */
export async function startFixtureSite(routes: (site: TFixtureSite) => Record<string, TFixtureRoute>): Promise<TFixtureSite> {
  let table: Record<string, TFixtureRoute> = {};
  const site: TFixtureSite = {
    port: 0,
    origin: "",
    requests: [],
    times: [],
    connections: 0,
    userAgents: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    site.requests.push(url);
    site.times.push(Date.now());
    site.userAgents.push(String(req.headers["user-agent"] ?? ""));
    const route = table[url] ?? table[url.split("?")[0]!];
    const response = typeof route === "function" ? route(req, site) : route;
    if (!response) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not found</h1>");
      return;
    }
    res.writeHead(response.status ?? 200, { "content-type": "text/html; charset=utf-8", ...response.headers });
    res.end(response.body ?? "");
  });
  server.on("connection", () => {
    site.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  site.port = (server.address() as AddressInfo).port;
  site.origin = `http://127.0.0.1:${site.port}`;
  table = routes(site);
  return site;
}

export function page(title: string, body: string, head = ""): TFixtureResponse {
  return {
    body: `<!doctype html><html lang="en"><head><title>${title}</title>${head}</head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<main><h1>${title}</h1>${body}</main>
<footer>© Fixture GmbH · <a href="/imprint">Imprint</a></footer></body></html>`,
  };
}
