import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setRuntimeEnv, type TEnv } from "../config/env";

/**
 * With no configuration, the session secret and the key that encrypts owners' provider
 * keys are generated once into DATA_DIR/secrets.json (mode 0600). This protects database
 * dumps only; production sets NEXTAUTH_SECRET and ENCRYPTION_KEY (docs/operations.md).
 */
type TSecrets = { NEXTAUTH_SECRET: string; ENCRYPTION_KEY: string };

export async function ensureSecrets(current: TEnv): Promise<{ generated: string[] }> {
  const file = path.join(current.dataDir, "secrets.json");
  let stored: Partial<TSecrets> = {};
  try {
    stored = JSON.parse(await readFile(file, "utf8")) as Partial<TSecrets>;
  } catch {
    stored = {};
  }
  const generated: string[] = [];
  const next: Partial<TSecrets> = { ...stored };
  if (!current.NEXTAUTH_SECRET && !stored.NEXTAUTH_SECRET) {
    next.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
    generated.push("NEXTAUTH_SECRET");
  }
  if (!current.ENCRYPTION_KEY && !stored.ENCRYPTION_KEY) {
    next.ENCRYPTION_KEY = randomBytes(32).toString("hex");
    generated.push("ENCRYPTION_KEY");
  }
  if (generated.length) {
    await mkdir(current.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(next, null, 2), { mode: 0o600 });
  }
  setRuntimeEnv({
    NEXTAUTH_SECRET: current.NEXTAUTH_SECRET ?? next.NEXTAUTH_SECRET,
    ENCRYPTION_KEY: current.ENCRYPTION_KEY ?? next.ENCRYPTION_KEY,
    NEXTAUTH_URL: current.baseUrl,
  });
  return { generated };
}
