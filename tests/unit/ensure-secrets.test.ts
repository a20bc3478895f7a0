import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env, parseEnv, setRuntimeEnv } from "@/lib/config/env";
import { ensureSecrets } from "@/lib/secrets/ensure-secrets";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "cw-secrets-"));
  setRuntimeEnv({ DATA_DIR: dataDir, NEXTAUTH_SECRET: "", ENCRYPTION_KEY: "", BASE_URL: "https://chat.example.com" });
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("ensureSecrets", () => {
  it("generates both secrets once into DATA_DIR/secrets.json, readable only by the owner", async () => {
    expect(await ensureSecrets(env())).toEqual({ generated: ["NEXTAUTH_SECRET", "ENCRYPTION_KEY"] });
    const file = path.join(dataDir, "secrets.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;

    const current = env();
    expect(current.NEXTAUTH_SECRET).toBe(stored.NEXTAUTH_SECRET);
    expect(current.ENCRYPTION_KEY).toBe(stored.ENCRYPTION_KEY);
    expect(current.NEXTAUTH_URL).toBe("https://chat.example.com");
    expect(() => parseEnv({ NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET, ENCRYPTION_KEY: stored.ENCRYPTION_KEY })).not.toThrow();

    setRuntimeEnv({ NEXTAUTH_SECRET: "", ENCRYPTION_KEY: "" });
    expect(await ensureSecrets(env())).toEqual({ generated: [] });
    expect(env().NEXTAUTH_SECRET).toBe(stored.NEXTAUTH_SECRET);
    expect(env().ENCRYPTION_KEY).toBe(stored.ENCRYPTION_KEY);
  });

  it("prefers secrets set by the environment and does not write them to disk", async () => {
    const secret = "s".repeat(40);
    setRuntimeEnv({ NEXTAUTH_SECRET: secret });
    expect(await ensureSecrets(env())).toEqual({ generated: ["ENCRYPTION_KEY"] });
    const stored = await readFile(path.join(dataDir, "secrets.json"), "utf8");
    expect(stored).not.toContain(secret);
    expect(env().NEXTAUTH_SECRET).toBe(secret);
  });
});
