import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The real server process: starts on an empty data directory, seeds the demo once,
 * lets the admin CLI share its embedded database while running, stops cleanly on
 * SIGTERM and comes back with everything it had.
 */
const root = path.resolve(__dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "cw-lifecycle-"));
const port = 3900 + Math.floor(Math.random() * 50);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: String(port),
  HOST: "127.0.0.1",
  BASE_URL: `http://127.0.0.1:${port}`,
  DATA_DIR: dataDir,
  SEED_DEMO: "true",
  REDIS_URL: "",
  DATABASE_URL: "",
  NEXT_TELEMETRY_DISABLED: "1",
};

type TServer = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startServer(): TServer {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: root, env });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(server: TServer, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline && exitCode === undefined) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return (await res.json()) as Record<string, string>;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

function admin(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args, "--json"], { cwd: root, env, encoding: "utf8" });
  return { status: result.status, json: JSON.parse(result.stdout.trim() || "{}") as Record<string, unknown>, stderr: result.stderr };
}

let running: TServer | undefined;

afterAll(async () => {
  running?.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(existsSync(path.join(root, ".next", "BUILD_ID")))("server lifecycle", () => {
  it("serves health, shares its database with the CLI, stops cleanly and restarts with its data", async () => {
    running = startServer();
    const health = await waitHealthy(running);
    expect(health).toMatchObject({ status: "ok", db: "ok", redis: "disabled" });
    expect(running.output()).toMatch(/Password: demo-\S+/);

    const created = admin("workspace:create", "--name", "Lifecycle GmbH", "--owner-email", "owner@lifecycle.test", "--owner-password", "lifecycle-secret-42");
    expect(created.status, created.stderr).toBe(0);
    expect(created.json).toMatchObject({ ok: true, slug: "lifecycle-gmbh" });

    const key = admin("apikey:create", "--workspace", "lifecycle-gmbh");
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/workspace`, { headers: { authorization: `Bearer ${key.json.key}` } });
    expect(await res.json()).toEqual({ id: created.json.workspaceId, slug: "lifecycle-gmbh", name: "Lifecycle GmbH" });

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain("Stopped cleanly");
    expect(existsSync(path.join(dataDir, "db.lock"))).toBe(false);

    running = startServer();
    await waitHealthy(running);
    expect(running.output()).not.toMatch(/Password: demo-/);
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/workspace`, { headers: { authorization: `Bearer ${key.json.key}` } });
    expect(again.status).toBe(200);
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
  }, 150_000);
});
