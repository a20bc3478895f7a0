import { expect } from "vitest";
import { listOutbox, type TStoredMail } from "@/lib/mail/send-mail";
import { TEST_BASE_URL } from "./test-database";

/** Mails in DATA_DIR/outbox addressed to `to`. */
export async function mailsTo(to: string): Promise<TStoredMail[]> {
  return (await listOutbox(10_000)).filter((m) => m.to === to);
}

/** The one link to our own site in a mail's text part (every template has exactly one). */
export function linkIn(mail: TStoredMail): URL {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links, `links in "${mail.subject}"`).toHaveLength(1);
  const url = new URL(links[0]!);
  expect(url.origin).toBe(TEST_BASE_URL);
  return url;
}

/**
 * Runs `action` and returns the one mail it sent to `to`, with its link. Compares the
 * outbox before and after, because two mails written in the same millisecond have no
 * defined order in the outbox listing.
 */
export async function newMailTo(to: string, action: () => Promise<unknown>): Promise<{ mail: TStoredMail; url: URL }> {
  const before = new Set((await mailsTo(to)).map((m) => m.id));
  await action();
  const fresh = (await mailsTo(to)).filter((m) => !before.has(m.id));
  expect(fresh, `exactly one new mail to ${to}`).toHaveLength(1);
  return { mail: fresh[0]!, url: linkIn(fresh[0]!) };
}

/** The secret of a /verify-email or /reset-password link. */
export function tokenParam(url: URL): string {
  const token = url.searchParams.get("token");
  expect(token).toBeTruthy();
  return token!;
}

/** The secret of an /invite/<secret> link. */
export function invitationSecret(url: URL): string {
  const match = /^\/invite\/([^/]+)$/.exec(url.pathname);
  expect(match, `invitation path in ${url.href}`).not.toBeNull();
  return decodeURIComponent(match![1]!);
}
