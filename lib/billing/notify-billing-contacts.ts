import { env } from "../config/env";
import { db } from "../db/client";
import { isLocale, type TLocale } from "../i18n/locale";
import { log } from "../log/logger";
import { sendMail } from "../mail/send-mail";
import { composeMail } from "../mail/templates";

export type TBillingMailCopy = { subject: string; paragraphs: string[]; linkLabel: string };

/**
 * Billing emails go to the workspace's owners (billing is owner-only) and to the billing
 * address in its billing details, once per address, each owner in their own language.
 * The link opens the billing page. Sending failures are logged, never thrown: a notice must
 * not undo the charge that caused it.
 */
export async function notifyBillingContacts(workspaceId: string, copy: (locale: TLocale) => TBillingMailCopy): Promise<number> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: {
      slug: true,
      billingProfile: { select: { email: true } },
      memberships: { where: { role: "owner" }, select: { user: { select: { email: true, locale: true } } } },
    },
  });
  if (!workspace) return 0;
  const recipients = new Map<string, TLocale>();
  for (const m of workspace.memberships) recipients.set(m.user.email.toLowerCase(), isLocale(m.user.locale) ? m.user.locale : "de");
  const billingEmail = workspace.billingProfile?.email?.toLowerCase();
  if (billingEmail && !recipients.has(billingEmail)) recipients.set(billingEmail, "de");
  const url = `${env().baseUrl}/dashboard/${workspace.slug}/billing`;
  const results = await Promise.allSettled(
    [...recipients].map(([to, locale]) => {
      const c = copy(locale);
      return sendMail(composeMail(to, c.subject, c.paragraphs, { url, label: c.linkLabel }));
    }),
  );
  for (const r of results) if (r.status === "rejected") log.error("Billing email failed", { workspaceId, error: String(r.reason) });
  return results.filter((r) => r.status === "fulfilled").length;
}
