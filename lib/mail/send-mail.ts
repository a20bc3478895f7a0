import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "../config/env";
import { log } from "../log/logger";

/**
 * Email goes out over SMTP_URL when set. Without it, every message is written to
 * DATA_DIR/outbox/ and shown on the dev mailbox page (/dev/mailbox), so a fresh install
 * can verify accounts without any mail server.
 */
export type TMail = { to: string; subject: string; text: string; html?: string };
export type TStoredMail = TMail & { id: string; createdAt: string };

const g = globalThis as unknown as { __chatwerkMailer?: nodemailer.Transporter };

function outboxDir() {
  return path.join(env().dataDir, "outbox");
}

/**
 * The dev mailbox shows every outgoing email (verification and reset links included) to
 * whoever opens it, so it is on only without SMTP and only for a local installation
 * (development mode or a loopback BASE_URL), unless DEV_MAILBOX says otherwise.
 */
export function mailboxEnabled(): boolean {
  const config = env();
  if (config.SMTP_URL || config.DEV_MAILBOX === "false") return false;
  if (config.DEV_MAILBOX === "true") return true;
  const host = new URL(config.baseUrl).hostname;
  return config.NODE_ENV === "development" || host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

export async function sendMail(mail: TMail): Promise<void> {
  const config = env();
  if (config.SMTP_URL) {
    g.__chatwerkMailer ??= nodemailer.createTransport(config.SMTP_URL);
    await g.__chatwerkMailer.sendMail({
      from: config.MAIL_FROM ?? `Chatwerk <no-reply@${new URL(config.baseUrl).hostname}>`,
      ...mail,
    });
    return;
  }
  const stored: TStoredMail = { ...mail, id: randomUUID(), createdAt: new Date().toISOString() };
  await mkdir(outboxDir(), { recursive: true, mode: 0o700 });
  const file = `${stored.createdAt.replace(/[:.]/g, "-")}-${stored.id}.json`;
  // Written under a temporary name and renamed: readers (dev mailbox, tests) never see half a file.
  const target = path.join(outboxDir(), file);
  await writeFile(`${target}.tmp`, JSON.stringify(stored, null, 2), { mode: 0o600 });
  await rename(`${target}.tmp`, target);
  log.info(`Email to ${mail.to} saved to outbox (no SMTP_URL): ${mail.subject}`);
}

export async function listOutbox(limit = 50): Promise<TStoredMail[]> {
  let files: string[];
  try {
    files = (await readdir(outboxDir())).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  files.sort().reverse();
  const mails = await Promise.all(
    files.slice(0, limit).map(async (f) => {
      try {
        return JSON.parse(await readFile(path.join(outboxDir(), f), "utf8")) as TStoredMail;
      } catch {
        log.warn(`Skipping unreadable outbox file ${f}`);
        return null;
      }
    }),
  );
  return mails.filter((m): m is TStoredMail => m !== null);
}
