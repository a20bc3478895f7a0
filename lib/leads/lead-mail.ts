import { env } from "../config/env";
import { db } from "../db/client";
import { isLocale, type TLocale } from "../i18n/locale";
import { log } from "../log/logger";
import { sendMail, type TMail } from "../mail/send-mail";

/**
 * "Leave a message" leads are written while nobody could answer, so the workspace's owners
 * and admins hear about them by email, each in their own language (German when unknown).
 * The visitor's words are untrusted: plain text in the text part, escaped in the HTML part.
 */
export type TLeadMailDetails = {
  workspaceName: string;
  botName: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  /** The visitor's browser language, e.g. "de-DE". */
  language: string | null;
  url: string;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const COPY = {
  de: {
    subject: (d: TLeadMailDetails) => `Neue Nachricht über „${d.botName}“ von ${d.name || d.email || "einem Besucher"}`,
    intro: (d: TLeadMailDetails) => `Ein Besucher hat über den Chat „${d.botName}“ im Arbeitsbereich „${d.workspaceName}“ eine Nachricht hinterlassen, als niemand aus Ihrem Team erreichbar war.`,
    name: "Name",
    email: "E-Mail",
    phone: "Telefon",
    language: "Sprache",
    message: "Nachricht",
    none: "(keine Angabe)",
    outro: "Antworten Sie dem Besucher direkt an seine E-Mail-Adresse. Alle Nachrichten und Kontakte finden Sie im Dashboard.",
    link: "Leads ansehen",
  },
  en: {
    subject: (d: TLeadMailDetails) => `New message via "${d.botName}" from ${d.name || d.email || "a visitor"}`,
    intro: (d: TLeadMailDetails) => `A visitor left a message in the chat "${d.botName}" of the workspace "${d.workspaceName}" while nobody on your team was available.`,
    name: "Name",
    email: "Email",
    phone: "Phone",
    language: "Language",
    message: "Message",
    none: "(not given)",
    outro: "Reply to the visitor directly at their email address. All messages and contacts are in the dashboard.",
    link: "View leads",
  },
} as const;

export function leadMessageMail(to: string, details: TLeadMailDetails, locale: TLocale): TMail {
  const c = COPY[locale];
  const contact: [string, string | null][] = [
    [c.name, details.name],
    [c.email, details.email],
    [c.phone, details.phone],
    [c.language, details.language],
  ];
  const message = details.message || c.none;
  const text = [
    c.intro(details),
    contact.map(([label, value]) => `${label}: ${value || c.none}`).join("\n"),
    `${c.message}:\n${message}`,
    c.outro,
    `${c.link}: ${details.url}`,
  ].join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">
<p>${esc(c.intro(details))}</p>
<table style="border-collapse:collapse">${contact
    .map(([label, value]) => `<tr><td style="padding:2px 12px 2px 0;color:#64748b">${esc(label)}</td><td>${esc(value || c.none)}</td></tr>`)
    .join("")}</table>
<p style="margin-bottom:4px;color:#64748b">${esc(c.message)}</p>
<blockquote style="margin:0;padding:8px 12px;border-left:3px solid #cbd5e1;white-space:pre-wrap">${esc(message)}</blockquote>
<p>${esc(c.outro)}</p>
<p><a href="${esc(details.url)}" style="display:inline-block;background:#1d5ef1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${esc(c.link)}</a></p>
<p style="color:#64748b;font-size:12px">${esc(details.url)}</p></body></html>`;
  return { to, subject: c.subject(details), text: `${text}\n`, html };
}

const g = globalThis as unknown as { __chatwerkLeadMails?: Set<Promise<void>> };
const pending = () => (g.__chatwerkLeadMails ??= new Set());

/**
 * Sends the notification without holding up the visitor's form: a slow mail server must not
 * delay the widget's acknowledgement (nor invite a retry that stores the lead twice).
 */
export function queueLeadNotification(...args: Parameters<typeof notifyLeadMessage>): void {
  const job = notifyLeadMessage(...args)
    .catch((error: unknown) => log.error("Lead notification failed", { error: String(error).slice(0, 300) }))
    .finally(() => pending().delete(job));
  pending().add(job);
}

/** Waits for every queued lead notification (graceful shutdown, tests). */
export async function drainLeadNotifications(): Promise<void> {
  while (pending().size > 0) await Promise.all([...pending()]);
}

/** Emails every owner and admin of the workspace; a failed delivery is logged, never thrown. */
export async function notifyLeadMessage(
  workspaceId: string,
  botName: string,
  contact: Pick<TLeadMailDetails, "name" | "email" | "phone" | "message" | "language">,
): Promise<void> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: {
      name: true,
      slug: true,
      memberships: { where: { role: { in: ["owner", "admin"] } }, select: { user: { select: { email: true, locale: true } } } },
    },
  });
  if (!workspace) return;
  const details: TLeadMailDetails = { ...contact, workspaceName: workspace.name, botName, url: `${env().baseUrl}/dashboard/${workspace.slug}/leads` };
  const recipients = [...new Map(workspace.memberships.map((m) => [m.user.email, m.user])).values()];
  const results = await Promise.allSettled(
    recipients.map((user) => sendMail(leadMessageMail(user.email, details, isLocale(user.locale) ? user.locale : "de"))),
  );
  const failed = results.filter((r) => r.status === "rejected").length;
  if (failed > 0) log.error("Lead notification mail failed", { workspaceId, failed, recipients: recipients.length });
}
