import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAllowedHost, isPublicAddress } from "@/lib/net/address-policy";
import { BlockedAddressError, createGuardedConnector, FetchError, HTML_TYPES, safeFetch } from "@/lib/net/safe-fetch";
import { startFixtureSite, type TFixtureSite } from "./fixture-server";

/**
 * SSRF safety (issue 3): the check runs on the address actually connected to, on every
 * redirect hop; nothing private is reachable unless a host is allowed explicitly.
 */
const UA = "ChatwerkBot/1.0 (+http://chatwerk.test)";
let site: TFixtureSite;
let other: TFixtureSite;

beforeAll(async () => {
  other = await startFixtureSite(() => ({ "/": { body: "<p>other</p>" } }));
  site = await startFixtureSite((s) => ({
    "/": { body: "<h1>Hello</h1>" },
    "/to-localhost": { status: 302, headers: { location: `http://localhost:${other.port}/` } },
    "/to-127-0-0-2": { status: 302, headers: { location: `http://127.0.0.2:${s.port}/` } },
    "/to-metadata": { status: 301, headers: { location: "http://169.254.169.254/latest/meta-data/" } },
    "/to-ftp": { status: 302, headers: { location: "ftp://127.0.0.1/file" } },
    "/chain/1": { status: 301, headers: { location: "/chain/2" } },
    "/chain/2": { status: 302, headers: { location: "/chain/3" } },
    "/chain/3": { status: 307, headers: { location: "/" } },
    "/loop/a": { status: 302, headers: { location: "/loop/b" } },
    "/loop/b": { status: 302, headers: { location: "/loop/a" } },
    ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/many/${i}`, { status: 302, headers: { location: `/many/${i + 1}` } }])),
    "/big": { body: "x".repeat(300_000) },
    "/big-chunked": () => ({ body: "y".repeat(300_000), headers: { "transfer-encoding": "chunked" } }),
    "/gzip": { body: gzipSync(Buffer.from("<p>compressed</p>")), headers: { "content-encoding": "gzip" } },
    "/gzip-bomb": { body: gzipSync(Buffer.alloc(5_000_000, 0x20)), headers: { "content-encoding": "gzip" } },
    "/doc.pdf": { body: "%PDF-1.4 ...", headers: { "content-type": "application/pdf" } },
  }));
});

afterAll(async () => {
  await site.close();
  await other.close();
});

async function expectBlocked(url: string, allowHosts: string[] = []) {
  const error = await safeFetch(url, { userAgent: UA, allowHosts }).catch((e: unknown) => e);
  expect(error, url).toBeInstanceOf(BlockedAddressError);
  expect((error as Error).message).toMatch(/^Blocked: /);
  return error as BlockedAddressError;
}

describe("safeFetch without an allow-list", () => {
  it("blocks loopback, unspecified and metadata addresses in every spelling, without connecting", async () => {
    const before = { requests: site.requests.length, connections: site.connections };
    const urls = [
      `http://127.0.0.1:${site.port}/`,
      `http://localhost:${site.port}/`,
      `http://2130706433:${site.port}/`,
      `http://0x7f.1:${site.port}/`,
      `http://0.0.0.0:${site.port}/`,
      `http://[::1]:${site.port}/`,
      `http://[::ffff:127.0.0.1]:${site.port}/`,
      `http://[::]:${site.port}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.5/",
      "http://192.168.1.1/",
      "http://[fd00::1]/",
    ];
    for (const url of urls) await expectBlocked(url);
    expect((await expectBlocked(`http://localhost:${site.port}/`)).message).toBe("Blocked: localhost resolves to a loopback address (127.0.0.1)");
    expect((await expectBlocked("http://169.254.169.254/")).message).toBe("Blocked: 169.254.169.254 is a link-local address");
    expect(site.requests.length).toBe(before.requests);
    expect(site.connections).toBe(before.connections);
  });

  it("rejects other protocols and credentials", async () => {
    for (const url of ["ftp://127.0.0.1/", "file:///etc/passwd", "gopher://localhost/", "data:text/html,hi", "not a url"]) {
      const error = await safeFetch(url, { userAgent: UA }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(FetchError);
      expect(error, url).not.toBeInstanceOf(BlockedAddressError);
    }
    await expect(safeFetch("ftp://example.com/", { userAgent: UA })).rejects.toThrow("Only http and https URLs can be fetched (ftp)");
    await expect(safeFetch("http://user:pw@example.com/", { userAgent: UA })).rejects.toThrow(/credentials/);
  });
});

describe("safeFetch with allowHosts", () => {
  const allow = ["127.0.0.1"];
  const get = (path: string, extra: Partial<Parameters<typeof safeFetch>[1]> = {}) =>
    safeFetch(`${site.origin}${path}`, { userAgent: UA, allowHosts: allow, ...extra });

  it("fetches an allowed host and sends the User-Agent", async () => {
    const result = await get("/");
    expect(result.status).toBe(200);
    expect(result.contentType).toBe("text/html");
    expect(new TextDecoder().decode(result.body)).toBe("<h1>Hello</h1>");
    expect(site.userAgents.at(-1)).toBe(UA);
  });

  it("allows only the hosts listed, not names resolving to them", async () => {
    await expectBlocked(`http://localhost:${site.port}/`, allow);
    await expectBlocked(`http://127.0.0.2:${site.port}/`, allow);
    await expectBlocked(`http://[::1]:${site.port}/`, allow);
  });

  it("checks every redirect hop", async () => {
    const otherBefore = other.connections;
    const toLocalhost = await get("/to-localhost").catch((e: unknown) => e);
    expect(toLocalhost).toBeInstanceOf(BlockedAddressError);
    expect((toLocalhost as Error).message).toBe("Blocked: localhost resolves to a loopback address (127.0.0.1)");
    expect(other.connections).toBe(otherBefore);
    await expect(get("/to-127-0-0-2")).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(get("/to-metadata")).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(get("/to-ftp")).rejects.toThrow("Only http and https URLs can be fetched (ftp)");
  });

  it("follows up to 5 redirects and reports the final URL", async () => {
    const result = await get("/chain/1");
    expect(result.url).toBe(`${site.origin}/`);
    expect(result.redirects).toEqual([`${site.origin}/chain/1`, `${site.origin}/chain/2`, `${site.origin}/chain/3`, `${site.origin}/`]);
    await expect(get("/many/0")).rejects.toThrow("Too many redirects (more than 5)");
    await expect(get("/loop/a")).rejects.toThrow(/^Redirect loop/);
    await expect(get("/chain/1", { checkRedirect: () => "nope" })).rejects.toMatchObject({ code: "redirect_refused", message: "nope" });
  });

  it("limits the body size, also when chunked or compressed", async () => {
    await expect(get("/big", { maxBytes: 100_000 })).rejects.toThrow("Response larger than 98 KB");
    await expect(get("/big-chunked", { maxBytes: 1024 * 1024 / 8 })).rejects.toMatchObject({ code: "too_large" });
    await expect(get("/gzip-bomb", { maxBytes: 1024 * 1024 })).rejects.toThrow("Response larger than 1 MB");
    const small = await get("/gzip");
    expect(new TextDecoder().decode(small.body)).toBe("<p>compressed</p>");
    expect((await get("/big")).body.byteLength).toBe(300_000);
  });

  it("accepts only the listed content types", async () => {
    await expect(get("/doc.pdf", { accept: HTML_TYPES })).rejects.toThrow("Not an HTML page (application/pdf)");
    await expect(get("/doc.pdf", { accept: ["text/plain"] })).rejects.toThrow("Unsupported content type (application/pdf; expected text/plain)");
    // A 404 is returned (the caller decides), whatever its type.
    expect((await get("/missing", { accept: ["application/xml"] })).status).toBe(404);
  });

  it("times out", async () => {
    const slow = await startFixtureSite(() => ({}));
    const hang = await import("node:http").then(({ createServer }) => createServer(() => undefined));
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
    const port = (hang.address() as { port: number }).port;
    await expect(safeFetch(`http://127.0.0.1:${port}/`, { userAgent: UA, allowHosts: allow, timeoutMs: 300 })).rejects.toMatchObject({ code: "timeout" });
    hang.closeAllConnections();
    hang.close();
    await slow.close();
  });
});

describe("the guarded connector", () => {
  type TConnectResult = { error: Error | null; remote?: string };
  const connectWith = (connector: ReturnType<typeof createGuardedConnector>, hostname: string, port: number) =>
    new Promise<TConnectResult>((resolve) => {
      connector({ hostname, protocol: "http:", port: String(port) }, (error, socket) => {
        const remote = socket?.remoteAddress;
        socket?.destroy();
        resolve({ error, remote });
      });
    });

  it("connects to the address it checked and to nothing a resolver adds", async () => {
    const before = site.connections;
    // A resolver that answers with a private address for a public-looking name.
    const rebinding = createGuardedConnector([], { resolve: (_host, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }]) });
    const blocked = await connectWith(rebinding, "public.example", site.port);
    expect(blocked.error).toBeInstanceOf(BlockedAddressError);
    expect(blocked.error?.message).toBe("Blocked: public.example resolves to a loopback address (127.0.0.1)");

    // Mixed answers, private first: only the public address is tried (unroutable or closed
    // here, so the connection fails), never the loopback one a naive lookup would pick.
    const mixed = createGuardedConnector([], {
      connectTimeoutMs: 300,
      resolve: (_host, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }, { address: "93.184.215.14", family: 4 }]),
    });
    const tried = await connectWith(mixed, "mixed.example", site.port);
    expect(tried.error).not.toBeInstanceOf(BlockedAddressError);
    if (!tried.error) expect(tried.remote).toBe("93.184.215.14");
    // Only reserved or private answers: nothing is left to connect to.
    const reserved = createGuardedConnector([], { resolve: (_host, cb) => cb(null, [{ address: "192.0.2.1", family: 4 }, { address: "::1", family: 6 }]) });
    expect((await connectWith(reserved, "reserved.example", site.port)).error).toBeInstanceOf(BlockedAddressError);
    expect(site.connections).toBe(before);

    // An allowed host connects, and the socket is really on that address.
    const allowed = await connectWith(createGuardedConnector(["127.0.0.1"]), "127.0.0.1", site.port);
    expect(allowed.error).toBeNull();
    expect(allowed.remote).toBe("127.0.0.1");
    expect(site.connections).toBe(before + 1);
  });

  it("the no-request assertions can fail: an unguarded fetch does reach the fixture", async () => {
    const before = { requests: site.requests.length, connections: site.connections };
    const response = await fetch(`http://127.0.0.1:${site.port}/`);
    await response.text();
    expect(site.requests.length).toBe(before.requests + 1);
    expect(site.connections).toBeGreaterThan(before.connections);
  });
});

describe("address policy", () => {
  it("treats only public unicast addresses as public", () => {
    for (const a of ["8.8.8.8", "1.1.1.1", "2a00:1450:4001:80e::200e"]) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd12::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::", "ff02::1", "not-an-ip"]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });

  it("matches allow-list entries exactly, optionally by port", () => {
    expect(isAllowedHost(["127.0.0.1"], "127.0.0.1", "80")).toBe(true);
    expect(isAllowedHost(["127.0.0.1"], "localhost", "80")).toBe(false);
    expect(isAllowedHost(["Intranet.Local"], "intranet.local", "443")).toBe(true);
    expect(isAllowedHost(["intranet.local"], "evil-intranet.local", "443")).toBe(false);
    expect(isAllowedHost(["intranet.local:8080"], "intranet.local", "8080")).toBe(true);
    expect(isAllowedHost(["intranet.local:8080"], "intranet.local", "80")).toBe(false);
    expect(isAllowedHost(["::1"], "[::1]", "80")).toBe(true);
    expect(isAllowedHost([], "127.0.0.1", "80")).toBe(false);
  });
});
