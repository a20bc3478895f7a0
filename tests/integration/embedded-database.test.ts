import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { env, setRuntimeEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { DataDirLockedError, startEmbeddedDatabase } from "@/lib/db/embedded/start-embedded";
import { openDatabase, type TOpenDatabase } from "@/lib/db/open-database";
import { createUser } from "../helpers/factories";
import { copyTemplate, TEST_ENV } from "../helpers/test-database";

/** The embedded database's lifecycle: one owner per data directory, joining, restarts. */
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!().catch(() => {});
});

async function freshDataDir(label: string) {
  const dir = await copyTemplate(label);
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function open(dataDir: string): Promise<TOpenDatabase> {
  setRuntimeEnv({ ...TEST_ENV, DATA_DIR: dataDir });
  const database = await openDatabase(env());
  cleanup.push(() => database.close());
  return database;
}

type TLock = { pid: number; socketDir: string };
const readLock = async (dataDir: string) => JSON.parse(await readFile(path.join(dataDir, "db.lock"), "utf8")) as TLock;

async function count(connection: pg.ClientConfig, sql: string): Promise<number> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("embedded database", () => {
  it("owns its data directory while running and keeps the data across a restart", async () => {
    const dataDir = await freshDataDir("restart");
    const first = await open(dataDir);
    expect(first).toMatchObject({ kind: "embedded", ownsEmbedded: true, migrations: { applied: [], skipped: [] } });
    const lock = await readLock(dataDir);
    expect(lock.pid).toBe(process.pid);
    expect(existsSync(path.join(lock.socketDir, ".s.PGSQL.5432"))).toBe(true);
    const user = await createUser({ name: "Durable" });

    await first.close();
    expect(existsSync(path.join(dataDir, "db.lock"))).toBe(false);

    await open(dataDir);
    expect(await db().user.findUnique({ where: { id: user.id } })).toMatchObject({ email: user.email, name: "Durable" });
  });

  it("gives the database the configured buffer cache (256 MB by default)", async () => {
    const dataDir = await freshDataDir("buffers");
    const shared = async () => (await db().$queryRawUnsafe<{ shared_buffers: string }[]>("SHOW shared_buffers"))[0]!.shared_buffers;
    const first = await open(dataDir);
    expect(await shared()).toBe("256MB");
    await first.close();
    setRuntimeEnv({ ...TEST_ENV, DATA_DIR: dataDir, EMBEDDED_SHARED_BUFFERS_MB: "64" });
    const second = await openDatabase(env());
    cleanup.push(async () => {
      await second.close();
      setRuntimeEnv({ EMBEDDED_SHARED_BUFFERS_MB: undefined });
    });
    expect(await shared()).toBe("64MB");
  });

  it("replaces a lock left behind by a process that died", async () => {
    const dataDir = await freshDataDir("stale");
    await writeFile(path.join(dataDir, "db.lock"), JSON.stringify({ pid: deadPid(), socketDir: "/nonexistent", startedAt: new Date().toISOString() }));
    const database = await open(dataDir);
    expect(database.ownsEmbedded).toBe(true);
    expect((await readLock(dataDir)).pid).toBe(process.pid);
  });

  it("joins the database of another live process through its socket instead of opening the files", async () => {
    const ownerDir = await freshDataDir("owner");
    await open(ownerDir);
    await createUser();
    const { socketDir } = await readLock(ownerDir);

    // Another process (our parent, which is alive) owns this directory and serves ownerDir's socket.
    const otherDir = await freshDataDir("joiner");
    await writeFile(path.join(otherDir, "db.lock"), JSON.stringify({ pid: process.ppid, socketDir, startedAt: new Date().toISOString() }));
    const joined = await startEmbeddedDatabase({ dataDir: otherDir });
    expect(joined.owned).toBe(false);
    expect(joined.poolConfig.host).toBe(socketDir);
    expect(await count(joined.poolConfig, "SELECT count(*) AS n FROM users")).toBe(1);

    await joined.stop();
    expect(await count(joined.poolConfig, "SELECT count(*) AS n FROM users")).toBe(1);
    expect(existsSync(path.join(otherDir, "db.lock"))).toBe(true);
  });

  it("refuses a directory whose live owner is not accepting connections yet", async () => {
    const dataDir = await freshDataDir("busy");
    await writeFile(path.join(dataDir, "db.lock"), JSON.stringify({ pid: process.ppid, socketDir: path.join(dataDir, "nowhere"), startedAt: new Date().toISOString() }));
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(`in use by process ${process.ppid}`);
    expect((await readLock(dataDir)).pid).toBe(process.ppid);
  });

  // Regression (found by this suite, fixed in lib):
  it("a second start in the same process does not open the same files a second time", async () => {
    const dataDir = await freshDataDir("twice");
    await open(dataDir);
    const second = await startEmbeddedDatabase({ dataDir }).then(
      (database) => {
        cleanup.push(() => database.stop());
        return database.owned ? "started a second PGlite on the same files" : "joined";
      },
      (error: unknown) => (error instanceof DataDirLockedError ? "refused" : String(error)),
    );
    expect(["joined", "refused"]).toContain(second);
  });
});
