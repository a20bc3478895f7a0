/**
 * Admin CLI: npm run admin -- <command> [--flags]. Works whether or not the server runs
 * (it joins the running server's embedded database, or opens it itself) and against an
 * external DATABASE_URL. With --json, stdout carries exactly one JSON object.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createApiKey } from "../lib/api-keys/api-keys";
import { createPasswordUser } from "../lib/auth/create-user";
import { adjustCredits } from "../lib/billing/adjust-credits";
import { getBalance } from "../lib/billing/get-balance";
import { reconcileLedger } from "../lib/billing/reconcile-ledger";
import { env, EnvError } from "../lib/config/env";
import { db } from "../lib/db/client";
import { openDatabase, type TOpenDatabase } from "../lib/db/open-database";
import { isAppError } from "../lib/errors/app-error";
import { formatEuros } from "../lib/plans/plans";
import { logToStderr } from "../lib/log/logger";
import { ensureSecrets } from "../lib/secrets/ensure-secrets";
import { createWorkspace } from "../lib/workspaces/create-workspace";
import { seedDemo } from "../lib/workspaces/seed-demo";
import { ZEmail, ZWorkspaceName } from "../lib/validation/common";
import { ZPassword, hashPassword } from "../lib/auth/password";

const HELP = `Chatwerk admin CLI

Usage: npm run admin -- <command> [options]

Commands:
  workspace:create --name N --owner-email E --owner-password P [--json]
      Create a workspace and its owner (created verified; an existing user becomes owner).
  apikey:create --workspace SLUG [--name N] [--json]
      Create an API key for a workspace and print it (shown once).
  user:create --email E --password P [--name N] [--json]
      Create a verified user.
  db:migrate [--json]
      Apply pending migrations.
  db:seed-demo [--email E] [--json]
      Create the demo workspace and print its login.
  ledger:reconcile [--json]
      Recompute every account's cached sums from the ledger entries and open holds and
      print each difference. Exit code 1 when any differs or credits and debits do not balance.
  credits:adjust --workspace SLUG --amount CENTS --reason TEXT [--id ID] [--json]
      Add (positive) or take away (negative) prepaid credit, with an audit log entry
      (actor: the CLI). A negative amount may not take the available balance below zero.
      With --id (e.g. a ticket number) a repeated command is applied once.
  billing:balance --workspace SLUG [--json]
      Print a workspace's balance, held amount and available amount.
`;

type TFlags = Record<string, string | boolean | undefined>;

/** What a command prints; a non-zero exitCode reports a finding (e.g. a ledger difference), not a crash. */
type TCommandResult = { text: string; json: Record<string, unknown>; exitCode?: number };

class UsageError extends Error {}

function required(flags: TFlags, name: string): string {
  const v = flags[name];
  if (typeof v !== "string" || !v.trim()) throw new UsageError(`Missing --${name}`);
  return v;
}

async function workspaceBySlug(flags: TFlags) {
  const slug = required(flags, "workspace");
  const workspace = await db().workspace.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!workspace) throw new UsageError(`No workspace with slug "${slug}"`);
  return workspace;
}

const euros = (cents: number) => formatEuros(cents, "en");

const commands: Record<string, (flags: TFlags) => Promise<TCommandResult>> = {
  async "workspace:create"(flags) {
    const name = ZWorkspaceName.parse(required(flags, "name"));
    const email = ZEmail.parse(required(flags, "owner-email"));
    const password = required(flags, "owner-password");
    const existing = await db().user.findUnique({ where: { email } });
    if (!existing) ZPassword.parse(password);
    const passwordHash = existing ? undefined : await hashPassword(password);
    const result = await db().$transaction(async (tx) => {
      const owner = existing ?? (await createPasswordUser({ email, password, passwordHash, verified: true, name: email.split("@")[0] }, tx));
      const workspace = await createWorkspace({ name, ownerId: owner.id }, tx);
      return { owner, workspace };
    });
    return {
      text: `Created workspace "${result.workspace.name}" (slug ${result.workspace.slug}, id ${result.workspace.id}) owned by ${email}`,
      json: { workspaceId: result.workspace.id, slug: result.workspace.slug, name: result.workspace.name, ownerId: result.owner.id, ownerEmail: email },
    };
  },
  async "apikey:create"(flags) {
    const slug = required(flags, "workspace");
    const workspace = await db().workspace.findUnique({ where: { slug } });
    if (!workspace) throw new UsageError(`No workspace with slug "${slug}"`);
    const key = await createApiKey({ workspaceId: workspace.id, actorId: "" }, { name: typeof flags.name === "string" ? flags.name : "CLI key" });
    return {
      text: `API key for ${slug} (shown once, store it now):\n${key.secret}`,
      json: { id: key.id, key: key.secret, prefix: key.prefix, name: key.name, workspaceId: workspace.id, workspaceSlug: slug },
    };
  },
  async "user:create"(flags) {
    const user = await createPasswordUser({
      email: required(flags, "email"),
      password: required(flags, "password"),
      name: typeof flags.name === "string" ? flags.name : undefined,
      verified: true,
    });
    return { text: `Created user ${user.email} (id ${user.id})`, json: { id: user.id, email: user.email } };
  },
  async "db:migrate"() {
    return { text: "", json: {} };
  },
  async "db:seed-demo"(flags) {
    const demo = await seedDemo({ email: typeof flags.email === "string" ? flags.email : undefined, baseUrl: env().baseUrl });
    return {
      text: `Demo workspace "${demo.workspaceSlug}"\nEmail:    ${demo.email}\nPassword: ${demo.password}`,
      json: { ...demo },
    };
  },
  async "ledger:reconcile"() {
    const report = await reconcileLedger();
    const clean = report.balanced && report.differences.length === 0;
    const count = report.differences.length;
    const verdict = clean
      ? "The ledger reconciles"
      : `The ledger does not reconcile (${count} difference${count === 1 ? "" : "s"}${report.balanced ? "" : ", not balanced"})`;
    const lines = [
      `Checked ${report.accounts} accounts and ${report.entries} entries.`,
      `Credits ${report.totalCreditsCents} cents, debits ${report.totalDebitsCents} cents: ${report.balanced ? "balanced" : "NOT BALANCED"}.`,
      ...report.differences.map((d) => `DIFFERENCE ${d.account} ${d.field}: cached ${d.cachedCents} cents, from entries ${d.fromEntriesCents} cents`),
      `${verdict}.`,
    ];
    return { text: lines.join("\n"), json: { ...report, ...(clean ? {} : { ok: false, error: verdict }) }, exitCode: clean ? 0 : 1 };
  },
  async "credits:adjust"(flags) {
    const workspace = await workspaceBySlug(flags);
    const amount = typeof flags.amount === "string" ? flags.amount.trim() : "";
    if (!/^-?\d+$/.test(amount)) throw new UsageError("--amount must be a whole number of cents (negative to take credit away), e.g. --amount 500");
    if (typeof flags.reason !== "string" || !flags.reason.trim()) {
      throw new UsageError("Missing --reason: say why the credits are adjusted (it is written to the audit log)");
    }
    const amountCents = Number(amount);
    try {
      const posted = await adjustCredits(
        { workspaceId: workspace.id, actorId: null },
        // The "cli-" id marks the entry and its audit row (actor null) as made by this command;
        // a given --id makes a retried command safe.
        { amountCents, reason: flags.reason, adjustmentId: `cli-${typeof flags.id === "string" && flags.id.trim() ? flags.id.trim() : randomUUID()}` },
      );
      const balance = await getBalance(workspace.id);
      return {
        text: `${posted.created ? "Adjusted" : "Already applied earlier (same --id), unchanged:"} ${workspace.slug} by ${amountCents > 0 ? "+" : ""}${amountCents} cents (entry ${posted.entryId}). New balance: ${euros(posted.balanceAfterCents ?? balance.balanceCents)} (available ${euros(balance.availableCents)}).`,
        json: {
          workspaceId: workspace.id,
          slug: workspace.slug,
          entryId: posted.entryId,
          applied: posted.created,
          amountCents,
          balanceCents: posted.balanceAfterCents,
          heldCents: balance.heldCents,
          availableCents: balance.availableCents,
        },
      };
    } catch (error) {
      if (isAppError(error) && error.code === "insufficient_funds") {
        const available = Number(error.details?.availableCents ?? 0);
        throw new UsageError(`The balance is too low: ${workspace.slug} has ${available} cents available, the adjustment takes ${-amountCents}.`);
      }
      throw error;
    }
  },
  async "billing:balance"(flags) {
    const workspace = await workspaceBySlug(flags);
    const balance = await getBalance(workspace.id);
    return {
      text: `${workspace.slug}: balance ${euros(balance.balanceCents)}, held ${euros(balance.heldCents)}, available ${euros(balance.availableCents)}`,
      json: { workspaceId: workspace.id, slug: workspace.slug, ...balance },
    };
  },
};

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values: flags } = parseArgs({
    args: rest,
    strict: false,
    options: {
      json: { type: "boolean" },
      name: { type: "string" },
      "owner-email": { type: "string" },
      "owner-password": { type: "string" },
      workspace: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      amount: { type: "string" },
      reason: { type: "string" },
      id: { type: "string" },
    },
  });
  const asJson = flags.json === true;
  logToStderr();
  if (!command || command === "help" || command === "--help" || !commands[command]) {
    (command && command !== "help" && command !== "--help" ? process.stderr : process.stdout).write(HELP);
    process.exit(command && command !== "help" && command !== "--help" ? 2 : 0);
  }
  let database: TOpenDatabase | undefined;
  try {
    const config = env();
    await ensureSecrets(config);
    database = await openDatabase(config);
    const migrations = database.migrations;
    const result = await commands[command]!(flags);
    if (command === "db:migrate") {
      result.text = migrations.applied.length ? `Applied: ${migrations.applied.join(", ")}` : "Database is up to date.";
      result.json = { applied: migrations.applied };
    }
    process.stdout.write(asJson ? `${JSON.stringify({ ok: true, ...result.json })}\n` : `${result.text}\n`);
    await database.close();
    process.exit(result.exitCode ?? 0);
  } catch (error) {
    await database?.close().catch(() => {});
    const message =
      error instanceof UsageError || error instanceof EnvError || isAppError(error)
        ? error.message
        : error instanceof Error && error.name === "ZodError"
          ? (JSON.parse(error.message) as { message: string; path: string[] }[]).map((i) => i.message).join("; ")
          : error instanceof Error
            ? error.message
            : String(error);
    if (asJson) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    else process.stderr.write(`Error: ${message}\n`);
    process.exit(1);
  }
}

void main();
