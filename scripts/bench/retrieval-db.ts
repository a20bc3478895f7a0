/**
 * Database setup for the retrieval bench: the app's own connection path (setRuntimeEnv +
 * openDatabase: embedded PGlite in a worker behind a Unix socket, migrations applied) on a
 * data directory of the bench's choosing, and a tenant (owner, workspace, bot) created
 * through the lib services.
 */
import { randomBytes } from "node:crypto";
import { createPasswordUser } from "../../lib/auth/create-user";
import { hashPassword } from "../../lib/auth/password";
import { createBot } from "../../lib/bots/bots";
import { env, setRuntimeEnv } from "../../lib/config/env";
import { openDatabase, type TOpenDatabase } from "../../lib/db/open-database";
import { resetLexemeStats } from "../../lib/kb/lexeme-stats";
import { createWorkspace } from "../../lib/workspaces/create-workspace";
import { requireMembership } from "../../lib/workspaces/require-membership";
import type { TWorkspaceContext } from "../../lib/workspaces/types";

/** Always the embedded database, whatever the developer's shell carries; no demo seed. */
export async function openBenchDatabase(dataDir: string): Promise<TOpenDatabase> {
  setRuntimeEnv({
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    SEED_DEMO: "false",
    DATABASE_URL: "",
    REDIS_URL: "",
    LOG_LEVEL: "warn",
    DB_POOL_SIZE: "10",
  });
  resetLexemeStats();
  const database = await openDatabase(env());
  if (database.kind !== "embedded" || !database.ownsEmbedded) {
    await database.close();
    throw new Error("The retrieval bench must own a fresh embedded database");
  }
  return database;
}

const PASSWORD = "bench-password-not-used-0123456789";
let passwordHash: Promise<string> | undefined;

export type TTenant = { ctx: TWorkspaceContext; workspaceId: string; botId: string; ownerId: string };

/** A verified owner, their workspace and one bot (the free plan allows one per workspace). */
export async function createTenant(workspaceName: string, botName: string): Promise<TTenant> {
  passwordHash ??= hashPassword(PASSWORD);
  const owner = await createPasswordUser({
    email: `bench-${randomBytes(4).toString("hex")}@bench.example`,
    password: PASSWORD,
    passwordHash: await passwordHash,
    name: "Bench Owner",
    locale: "en",
    verified: true,
  });
  const workspace = await createWorkspace({ name: workspaceName, ownerId: owner.id });
  const { ctx } = await requireMembership(owner.id, workspace.slug, ["owner"]);
  const bot = await createBot(ctx, { name: botName, languages: ["de", "en"] });
  return { ctx, workspaceId: workspace.id, botId: bot.id, ownerId: owner.id };
}
