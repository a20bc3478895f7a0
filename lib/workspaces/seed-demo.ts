import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import { createPasswordUser } from "../auth/create-user";
import { hashPassword } from "../auth/password";
import { enqueueIngest } from "../jobs/queue";
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
  const result = await seedDemo({ baseUrl: options.baseUrl });
  const banner = [
    "",
    "  ┌──────────────────────────────────────────────────────────────┐",
    "  │ Demo workspace created. This password is shown only once.    │",
    `  │ Sign in:  ${`${options.baseUrl}/login`.padEnd(51)}│`,
    `  │ Email:    ${result.email.padEnd(51)}│`,
    `  │ Password: ${result.password.padEnd(51)}│`,
    `  │ Widget:   ${`${options.baseUrl}/demo`.padEnd(51)}│`,
    "  └──────────────────────────────────────────────────────────────┘",
    "",
  ].join("\n");
  process.stdout.write(`${banner}\n`);
  return result;
}

/** Creates the demo owner and workspace (also `npm run admin -- db:seed-demo`). */
export async function seedDemo(input: { email?: string; baseUrl?: string } = {}) {
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
  const bot = await seedDemoBot(workspace.id, input.baseUrl);
  log.info("Demo workspace seeded", { workspace: workspace.slug, email, bot: bot.publicId });
  return { email, password, workspaceSlug: workspace.slug, workspaceId: workspace.id, botPublicId: bot.publicId };
}

export const DEMO_BOT_KEY = "demo_bot_public_id";

/**
 * The demo bot answers from our own public FAQ (German and English pages), crawled from
 * BASE_URL like any customer's website and re-crawled weekly. Its public id is kept in
 * system_state so the public site and /demo can embed it.
 */
async function seedDemoBot(workspaceId: string, baseUrl: string | undefined) {
  const bot = await db().bot.create({
    data: { workspaceId, publicId: `bot_${randomBytes(12).toString("base64url")}`, name: "Chatwerk-Hilfe", description: "Beantwortet Fragen zu Chatwerk aus unseren FAQ.", languages: ["de", "en"] },
  });
  await db().systemState.upsert({ where: { key: DEMO_BOT_KEY }, create: { key: DEMO_BOT_KEY, value: bot.publicId }, update: { value: bot.publicId } });
  if (!baseUrl) return bot;
  for (const [path, name] of [["/faq", "FAQ (Deutsch)"], ["/en/faq", "FAQ (English)"]] as const) {
    const source = await db().dataSource.create({
      data: { workspaceId, botId: bot.id, type: "url", name, schedule: "weekly", config: { url: new URL(path, baseUrl).toString(), maxPages: 1, maxDepth: 0, ownSite: true } },
    });
    await enqueueIngest({ workspaceId, sourceId: source.id });
  }
  return bot;
}

/** The demo bot's public widget id, or null when there is no demo workspace. */
export async function demoBotPublicId(): Promise<string | null> {
  const row = await db().systemState.findUnique({ where: { key: DEMO_BOT_KEY } });
  if (!row) return null;
  const bot = await db().bot.findUnique({ where: { publicId: row.value }, select: { publicId: true } });
  return bot?.publicId ?? null;
}
