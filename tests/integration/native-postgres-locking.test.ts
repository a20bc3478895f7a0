import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/auth/delete-account";
import { signUp } from "@/lib/auth/sign-up";
import { setRuntimeEnv } from "@/lib/config/env";
import { configureDatabase, db, disconnectDatabase } from "@/lib/db/client";
import { applyMigrations, listMigrations } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors/app-error";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { changeMemberRole, removeMember } from "@/lib/workspaces/manage-members";
import { skipNotice, TEST_POSTGRES_URL } from "../helpers/external-services";
import { addMember, contextFor, createOwnerWithWorkspace, TEST_PASSWORD, uniqueEmail } from "../helpers/factories";
import { waitForLockWaiters } from "../helpers/native-database";
import { TEST_ENV } from "../helpers/test-database";

/**
 * PGlite runs one transaction at a time, so a locking bug cannot show there
 * (ARCHITECTURE 12). These tests run the services against the machine's native
 * PostgreSQL in a throwaway database. The non-vector schema gets there by skipping the
 * hand-written pgvector migration (which native test servers may lack).
 *
 * A "gate" session holds row or table locks while both racing transactions run; once
 * both are waiting on a lock it lets go. That forces the worst interleaving (both have
 * read before either writes) every time instead of by chance.
 */
const title = TEST_POSTGRES_URL
  ? "native PostgreSQL: concurrent transactions"
  : skipNotice("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres", "native PostgreSQL locking tests");

if (!TEST_POSTGRES_URL) console.warn(title);

describe.skipIf(!TEST_POSTGRES_URL)(title, () => {
  const databaseName = `cw_test_${randomBytes(6).toString("hex")}`;
  let databaseUrl = "";
  let dataDir = "";
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    const url = new URL(TEST_POSTGRES_URL!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.href;
    const result = await applyMigrations({ connectionString: databaseUrl }, { skip: (name) => name.includes("vector") });
    expect(result.skipped.length).toBeGreaterThan(0);
    for (const name of result.skipped) expect(name).toContain("vector");
    dataDir = await mkdtemp(path.join(tmpdir(), "cw-native-"));
    setRuntimeEnv({ ...TEST_ENV, DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
    // openDatabase() rightly refuses a server without pgvector, so the pool is configured directly.
    configureDatabase({ connectionString: databaseUrl, max: 10 });
  });

  afterAll(async () => {
    await disconnectDatabase();
    await admin?.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin?.end();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  type TRaceOutcome = { succeeded: number; failures: string[] };

  /** Runs two operations while `lock` holds the gate, releases it once both wait on it. */
  async function race(lock: (gate: pg.Client) => Promise<unknown>, operations: [() => Promise<unknown>, () => Promise<unknown>]): Promise<TRaceOutcome> {
    const gate = new pg.Client({ connectionString: databaseUrl });
    await gate.connect();
    try {
      await gate.query("BEGIN");
      await lock(gate);
      const settled = Promise.allSettled(operations.map((op) => op()));
      await waitForLockWaiters(gate, 2);
      await gate.query("COMMIT");
      const results = await settled;
      return {
        succeeded: results.filter((r) => r.status === "fulfilled").length,
        failures: results
          .filter((r): r is PromiseRejectedResult => r.status === "rejected")
          .map((r) => (r.reason instanceof AppError ? r.reason.code : String(r.reason))),
      };
    } finally {
      await gate.end();
    }
  }

  const lockMemberships = (workspaceId: string) => (gate: pg.Client) =>
    gate.query("SELECT id FROM memberships WHERE workspace_id = $1 FOR UPDATE", [workspaceId]);

  async function twoOwners(name: string) {
    const { owner: a, workspace, ctx: ctxA } = await createOwnerWithWorkspace(name);
    const { user: b, membership: mB } = await addMember(workspace.id, "owner", "second-owner");
    const mA = await db().membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: a.id } } });
    return { workspace, ctxA, ctxB: await contextFor(b.id, workspace.slug), mA, mB };
  }

  const ownersLeft = (workspaceId: string) => db().membership.count({ where: { workspaceId, role: "owner" } });

  it("two owners demoting each other at once: exactly one succeeds, one owner remains", async () => {
    const { workspace, ctxA, ctxB, mA, mB } = await twoOwners("Demotion Race");
    const outcome = await race(lockMemberships(workspace.id), [
      () => changeMemberRole(ctxA, { membershipId: mB.id, role: "admin" }),
      () => changeMemberRole(ctxB, { membershipId: mA.id, role: "admin" }),
    ]);
    expect(outcome).toEqual({ succeeded: 1, failures: ["conflict"] });
    expect(await ownersLeft(workspace.id)).toBe(1);
  });

  it("two owners leaving at once: exactly one succeeds, one owner remains", async () => {
    const { workspace, ctxA, ctxB, mA, mB } = await twoOwners("Leaving Race");
    const outcome = await race(lockMemberships(workspace.id), [
      () => removeMember(ctxA, { membershipId: mA.id }),
      () => removeMember(ctxB, { membershipId: mB.id }),
    ]);
    expect(outcome).toEqual({ succeeded: 1, failures: ["conflict"] });
    expect(await ownersLeft(workspace.id)).toBe(1);
  });

  it("broken twin: the same race without FOR UPDATE leaves the workspace without an owner", async () => {
    const { workspace, mA, mB } = await twoOwners("Unlocked Race");
    // The last-owner check of changeMemberRole, deliberately without the row lock.
    const demoteUnlocked = (membershipId: string) =>
      db().$transaction(async (tx) => {
        const owners = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM memberships WHERE workspace_id = ${workspace.id} AND role = 'owner'`;
        if (owners.length <= 1) throw new AppError("conflict", "last owner");
        await tx.membership.update({ where: { id: membershipId }, data: { role: "admin" } });
      });
    const outcome = await race(lockMemberships(workspace.id), [() => demoteUnlocked(mB.id), () => demoteUnlocked(mA.id)]);
    expect(outcome).toEqual({ succeeded: 2, failures: [] });
    expect(await ownersLeft(workspace.id)).toBe(0);
  });

  it("two sign-ups with the same address at once: one account, the other gets conflict", async () => {
    const email = uniqueEmail("native-twin");
    const password = "Regenschirm-im-Flur-4";
    const outcome = await race((gate) => gate.query("LOCK TABLE users IN SHARE MODE"), [
      () => signUp({ name: "One", email, password, locale: "en" }, { ip: "192.0.2.1" }),
      () => signUp({ name: "Two", email, password, locale: "en" }, { ip: "192.0.2.2" }),
    ]);
    expect(outcome).toEqual({ succeeded: 1, failures: ["conflict"] });
    expect(await db().user.count({ where: { email } })).toBe(1);
  });
  // Regression (found by this suite, fixed in lib):
  it("two co-owners deleting their accounts at once: the workspace keeps an owner", async () => {
    const { owner: a, workspace } = await createOwnerWithWorkspace("Deletion Race");
    const { user: b } = await addMember(workspace.id, "owner", "co-owner");
    await addMember(workspace.id, "operator", "operator");
    const outcome = await race(lockMemberships(workspace.id), [
      () => deleteAccount(a.id, { password: TEST_PASSWORD, confirmEmail: a.email }),
      () => deleteAccount(b.id, { password: TEST_PASSWORD, confirmEmail: b.email }),
    ]);
    expect(outcome).toEqual({ succeeded: 1, failures: ["conflict"] });
    expect(await ownersLeft(workspace.id)).toBe(1);
  });

  // Regression (found by this suite, fixed in lib):
  it("two invitations at once for the last free seat: only one is created", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Seat Race");
    const outcome = await race((gate) => gate.query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE", [workspace.id]), [
      () => inviteMember(ctx, { email: uniqueEmail("seat-a"), role: "operator" }, { locale: "en" }),
      () => inviteMember(ctx, { email: uniqueEmail("seat-b"), role: "operator" }, { locale: "en" }),
    ]);
    expect(outcome).toEqual({ succeeded: 1, failures: ["conflict"] });
    expect(await db().invitation.count({ where: { workspaceId: workspace.id, revokedAt: null } })).toBe(1);
  });

  // Regression (found by this suite, fixed in lib):
  it("two sign-ups at once with the same workspace name: both get a workspace", async () => {
    const workspaceName = `Slug Race ${randomBytes(3).toString("hex")}`;
    const password = "Regenschirm-im-Flur-4";
    const outcome = await race((gate) => gate.query("LOCK TABLE workspaces IN SHARE MODE"), [
      () => signUp({ name: "One", email: uniqueEmail("slug-a"), password, workspaceName, locale: "en" }, { ip: "192.0.2.3" }),
      () => signUp({ name: "Two", email: uniqueEmail("slug-b"), password, workspaceName, locale: "en" }, { ip: "192.0.2.4" }),
    ]);
    expect(outcome).toEqual({ succeeded: 2, failures: [] });
    expect(await db().workspace.count({ where: { name: workspaceName } })).toBe(2);
  });

  // Regression (found by this suite, fixed in lib):
  it("several app nodes migrating a fresh database at once all succeed", async () => {
    const name = `cw_test_${randomBytes(6).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(TEST_POSTGRES_URL!);
      url.pathname = `/${name}`;
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => applyMigrations({ connectionString: url.href }, { skip: (n) => n.includes("vector") })),
      );
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const applied = results.flatMap((r) => (r.status === "fulfilled" ? r.value.applied : []));
      // Every migration applied exactly once across the four concurrent runners.
      const expected = (await listMigrations()).filter((m) => !m.name.includes("vector")).map((m) => m.name);
      expect([...applied].sort()).toEqual(expected);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
