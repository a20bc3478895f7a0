import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workspaceAccountKey } from "@/lib/billing/accounts";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { TEST_ENV, useTestDatabase } from "../../helpers/test-database";

/**
 * The billing commands of the admin CLI, run as the real process (scripts/admin.ts through
 * tsx) against this file's embedded database, which the CLI joins like it joins a running
 * server's: output, --json output and exit codes.
 */
const database = useTestDatabase();
const root = path.resolve(__dirname, "../../..");

type TRun = { status: number; stdout: string; stderr: string };

function admin(...args: string[]): Promise<TRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/admin.ts", ...args],
      { cwd: root, env: { ...process.env, ...TEST_ENV, DATA_DIR: database.dataDir }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function adminJson(...args: string[]) {
  const run = await admin(...args, "--json");
  const lines = run.stdout.trim().split("\n");
  expect(lines, `stdout carries exactly one JSON object (stderr: ${run.stderr})`).toHaveLength(1);
  return { status: run.status, json: JSON.parse(lines[0]!) as Record<string, unknown> & { ok: boolean } };
}

const adjustmentAudits = (workspaceId: string) => db().auditLog.findMany({ where: { workspaceId, action: "billing.credits_adjusted" }, orderBy: { createdAt: "asc" } });

// Each test starts several CLI processes (tsx, database join): generous on a loaded 2-core machine.
describe("admin CLI: billing", { timeout: 180_000 }, () => {
  it("help lists the billing commands", async () => {
    const run = await admin("help");
    expect(run.status).toBe(0);
    for (const command of ["ledger:reconcile", "credits:adjust --workspace SLUG --amount CENTS --reason TEXT", "billing:balance --workspace SLUG"]) {
      expect(run.stdout).toContain(command);
    }
  });

  it("credits:adjust adds and takes back credit, audited as the CLI; billing:balance shows it", async () => {
    const { workspace } = await createOwnerWithWorkspace("CLI Credits");
    const added = await adminJson("credits:adjust", "--workspace", workspace.slug, "--amount", "500", "--reason", "Goodwill for ticket 4711");
    expect(added).toEqual({
      status: 0,
      json: { ok: true, workspaceId: workspace.id, slug: workspace.slug, entryId: expect.any(String), applied: true, amountCents: 500, balanceCents: 500, heldCents: 0, availableCents: 500 },
    });

    const taken = await admin("credits:adjust", "--workspace", workspace.slug, "--amount", "-150", "--reason", "Correction");
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(new RegExp(`^Adjusted ${workspace.slug} by -150 cents \\(entry \\w+\\)\\. New balance: €3\\.50 \\(available €3\\.50\\)\\.\\n$`));

    const audits = await adjustmentAudits(workspace.id);
    expect(audits.map((a) => ({ actorId: a.actorId, targetType: a.targetType, data: a.data }))).toEqual([
      { actorId: null, targetType: "ledger_entry", data: { amountCents: 500, reason: "Goodwill for ticket 4711", adjustmentId: expect.stringMatching(/^cli-/) } },
      { actorId: null, targetType: "ledger_entry", data: { amountCents: -150, reason: "Correction", adjustmentId: expect.stringMatching(/^cli-/) } },
    ]);
    expect(audits[0]!.targetId).toBe(added.json.entryId);

    const [json, text] = await Promise.all([adminJson("billing:balance", "--workspace", workspace.slug), admin("billing:balance", "--workspace", workspace.slug)]);
    expect(json).toEqual({
      status: 0,
      json: { ok: true, workspaceId: workspace.id, slug: workspace.slug, balanceCents: 350, heldCents: 0, availableCents: 350, currency: "EUR" },
    });
    expect(text).toMatchObject({ status: 0, stdout: `${workspace.slug}: balance €3.50, held €0, available €3.50\n` });

    // With --id a repeated command (a retry after a lost answer) is applied once.
    const first = await adminJson("credits:adjust", "--workspace", workspace.slug, "--amount", "200", "--reason", "Ticket 4712", "--id", "ticket-4712");
    const again = await adminJson("credits:adjust", "--workspace", workspace.slug, "--amount", "200", "--reason", "Ticket 4712", "--id", "ticket-4712");
    expect(first.json).toMatchObject({ applied: true, balanceCents: 550 });
    expect(again.json).toMatchObject({ applied: false, entryId: first.json.entryId });
    expect((await adminJson("billing:balance", "--workspace", workspace.slug)).json).toMatchObject({ balanceCents: 550 });
  });

  it("credits:adjust refuses a missing, blank or short reason, a bad amount, an unknown workspace and an overdraft", async () => {
    const { workspace } = await createOwnerWithWorkspace("CLI Refusals");
    const slug = workspace.slug;
    await adjustCredits({ workspaceId: workspace.id, actorId: null }, { amountCents: 100, reason: "Starting credit" });
    const [noReason, blankReason, shortReason, fraction, unknown, overdraft] = await Promise.all([
      admin("credits:adjust", "--workspace", slug, "--amount", "100"),
      adminJson("credits:adjust", "--workspace", slug, "--amount", "100", "--reason", "   "),
      admin("credits:adjust", "--workspace", slug, "--amount", "100", "--reason", "ok"),
      admin("credits:adjust", "--workspace", slug, "--amount", "1.5", "--reason", "Fraction"),
      adminJson("billing:balance", "--workspace", "no-such-workspace"),
      admin("credits:adjust", "--workspace", slug, "--amount", "-101", "--reason", "Too much"),
    ]);
    expect(noReason).toMatchObject({ status: 1, stdout: "", stderr: expect.stringContaining("Error: Missing --reason: say why the credits are adjusted") });
    expect(blankReason).toEqual({ status: 1, json: { ok: false, error: expect.stringContaining("Missing --reason") } });
    expect(shortReason).toMatchObject({ status: 1, stderr: expect.stringContaining("Error: A reason is required (at least 3 characters)") });
    expect(fraction).toMatchObject({ status: 1, stderr: expect.stringContaining("Error: --amount must be a whole number of cents") });
    expect(unknown).toEqual({ status: 1, json: { ok: false, error: 'No workspace with slug "no-such-workspace"' } });
    expect(overdraft).toMatchObject({ status: 1, stderr: expect.stringContaining(`Error: The balance is too low: ${slug} has 100 cents available, the adjustment takes 101.`) });

    expect(await db().ledgerEntry.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await adjustmentAudits(workspace.id)).toHaveLength(1);
  });

  it("ledger:reconcile exits 0 on a clean ledger and 1 with each difference after tampering", async () => {
    const { workspace } = await createOwnerWithWorkspace("CLI Reconcile");
    await adjustCredits({ workspaceId: workspace.id, actorId: null }, { amountCents: 700, reason: "Credit to reconcile" });
    const entries = await db().ledgerEntry.count();
    const accounts = await db().ledgerAccount.count();

    const [clean, cleanText] = await Promise.all([adminJson("ledger:reconcile"), admin("ledger:reconcile")]);
    expect(clean).toEqual({
      status: 0,
      json: { ok: true, accounts, entries, totalCreditsCents: expect.any(String), totalDebitsCents: clean.json.totalCreditsCents, balanced: true, differences: [] },
    });
    expect(cleanText.status).toBe(0);
    expect(cleanText.stdout).toContain(`Checked ${accounts} accounts and ${entries} entries.`);
    expect(cleanText.stdout).toContain("balanced.");
    expect(cleanText.stdout).toContain("The ledger reconciles.");

    const accountKey = workspaceAccountKey(workspace.id);
    await db().$executeRaw`UPDATE ledger_accounts SET credits_cents = credits_cents + 3 WHERE key = ${accountKey}`;
    try {
      const [tamperedJson, tamperedText] = await Promise.all([adminJson("ledger:reconcile"), admin("ledger:reconcile")]);
      expect(tamperedJson).toEqual({
        status: 1,
        json: expect.objectContaining({
          ok: false,
          error: "The ledger does not reconcile (1 difference, not balanced)",
          balanced: false,
          differences: [{ account: accountKey, field: "credits", cachedCents: "703", fromEntriesCents: "700" }],
        }),
      });
      expect(tamperedText.status).toBe(1);
      expect(tamperedText.stdout).toContain(`DIFFERENCE ${accountKey} credits: cached 703 cents, from entries 700 cents`);
      expect(tamperedText.stdout).toContain("NOT BALANCED");
      expect(tamperedText.stdout).toContain("The ledger does not reconcile (1 difference, not balanced).");
    } finally {
      await db().$executeRaw`UPDATE ledger_accounts SET credits_cents = credits_cents - 3 WHERE key = ${accountKey}`;
    }
  });
});
