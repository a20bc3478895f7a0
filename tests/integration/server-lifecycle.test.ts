import { mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { admin, freePort, HAS_BUILD, killAll, serverEnv, startServer, waitHealthy } from "../helpers/server-process";

/**
 * The real server process: starts on an empty data directory, seeds the demo once,
 * lets the admin CLI share its embedded database while running, stops cleanly on
 * SIGTERM and comes back with everything it had.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "cw-lifecycle-"));
const env = serverEnv(await freePort(3900, 3949), dataDir, { SEED_DEMO: "true" });

afterAll(async () => {
  await killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(HAS_BUILD)("server lifecycle", () => {
  it("serves health, shares its database with the CLI, stops cleanly and restarts with its data", async () => {
    let running = startServer(env);
    const health = await waitHealthy(running);
    expect(health).toMatchObject({ status: "ok", db: "ok", redis: "disabled" });
    expect(running.output()).toMatch(/Password: demo-\S+/);

    const created = await admin(env, "workspace:create", "--name", "Lifecycle GmbH", "--owner-email", "owner@lifecycle.test", "--owner-password", "lifecycle-secret-42");
    expect(created.status, created.stderr).toBe(0);
    expect(created.json).toMatchObject({ ok: true, slug: "lifecycle-gmbh" });

    const key = await admin(env, "apikey:create", "--workspace", "lifecycle-gmbh");
    const res = await fetch(`${running.url}/api/v1/workspace`, { headers: { authorization: `Bearer ${key.json.key}` } });
    expect(await res.json()).toEqual({ id: created.json.workspaceId, slug: "lifecycle-gmbh", name: "Lifecycle GmbH" });

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain("Stopped cleanly");
    expect(existsSync(path.join(dataDir, "db.lock"))).toBe(false);

    running = startServer(env);
    await waitHealthy(running);
    expect(running.output()).not.toMatch(/Password: demo-/);
    const again = await fetch(`${running.url}/api/v1/workspace`, { headers: { authorization: `Bearer ${key.json.key}` } });
    expect(again.status).toBe(200);
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
  }, 240_000);
});
