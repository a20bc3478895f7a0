import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import { createPasswordUser } from "../auth/create-user";
import { hashPassword } from "../auth/password";
import { log } from "../log/logger";
import { createWorkspace } from "./create-workspace";

const DEMO_KEY = "demo_seeded";
export const DEMO_EMAIL = "demo@chatwerk.local";

/**
 * On the first start of an empty database: a workspace "Demo" with a verified owner and
 * a random password, printed once. Later starts see the marker and stay quiet.
 */
export async function seedDemoOnFirstStart(options: { baseUrl: string }) {
  const marker = await db().systemState.findUnique({ where: { key: DEMO_KEY } });
  if (marker) return null;
  if ((await db().user.count()) > 0) {
    await db().systemState.create({ data: { key: DEMO_KEY, value: "skipped: database not empty" } });
    return null;
  }
  const result = await seedDemo();
  const banner = [
    "",
    "  ┌──────────────────────────────────────────────────────────────┐",
    "  │ Demo workspace created. This password is shown only once.    │",
    `  │ Sign in:  ${`${options.baseUrl}/login`.padEnd(51)}│`,
    `  │ Email:    ${result.email.padEnd(51)}│`,
    `  │ Password: ${result.password.padEnd(51)}│`,
    "  └──────────────────────────────────────────────────────────────┘",
    "",
  ].join("\n");
  process.stdout.write(`${banner}\n`);
  return result;
}

/** Creates the demo owner and workspace (also `npm run admin -- db:seed-demo`). */
export async function seedDemo(input: { email?: string } = {}) {
  const email = input.email ?? DEMO_EMAIL;
  const password = `demo-${randomBytes(9).toString("base64url")}`;
  const passwordHash = await hashPassword(password);
  const workspace = await db().$transaction(async (tx) => {
    const user = await createPasswordUser({ email, password, passwordHash, name: "Demo Owner", verified: true }, tx);
    const workspace = await createWorkspace({ name: "Demo", ownerId: user.id, slug: "demo" }, tx);
    await tx.systemState.upsert({
      where: { key: DEMO_KEY },
      create: { key: DEMO_KEY, value: new Date().toISOString() },
      update: { value: new Date().toISOString() },
    });
    return workspace;
  });
  log.info("Demo workspace seeded", { workspace: workspace.slug, email });
  return { email, password, workspaceSlug: workspace.slug, workspaceId: workspace.id };
}
