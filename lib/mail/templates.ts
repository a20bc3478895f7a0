import type { TLocale } from "../i18n/locale";
import type { TMail } from "./send-mail";

/** Transactional emails in the recipient's language; plain text plus a simple HTML part. */
function html(paragraphs: string[], link: { url: string; label: string }) {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join("\n")}
<p><a href="${esc(link.url)}" style="display:inline-block;background:#1d5ef1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${esc(link.label)}</a></p>
<p style="color:#64748b;font-size:12px">${esc(link.url)}</p></body></html>`;
}

export function composeMail(to: string, subject: string, paragraphs: string[], link: { url: string; label: string }): TMail {
  return { to, subject, text: `${paragraphs.join("\n\n")}\n\n${link.label}: ${link.url}\n`, html: html(paragraphs, link) };
}

export function verifyEmailMail(to: string, url: string, locale: TLocale): TMail {
  return locale === "de"
    ? composeMail(to, "Bitte bestätigen Sie Ihre E-Mail-Adresse", [
        "Willkommen bei Chatwerk!",
        "Bitte bestätigen Sie Ihre E-Mail-Adresse, damit Sie sich anmelden können. Der Link ist 24 Stunden gültig.",
      ], { url, label: "E-Mail-Adresse bestätigen" })
    : composeMail(to, "Please confirm your email address", [
        "Welcome to Chatwerk!",
        "Please confirm your email address so you can sign in. The link is valid for 24 hours.",
      ], { url, label: "Confirm email address" });
}

export function resetPasswordMail(to: string, url: string, locale: TLocale): TMail {
  return locale === "de"
    ? composeMail(to, "Passwort zurücksetzen", [
        "Jemand (hoffentlich Sie) hat ein neues Passwort für Ihr Chatwerk-Konto angefordert.",
        "Der Link ist eine Stunde gültig und kann einmal verwendet werden. Wenn Sie nichts angefordert haben, ignorieren Sie diese E-Mail.",
      ], { url, label: "Neues Passwort festlegen" })
    : composeMail(to, "Reset your password", [
        "Someone (hopefully you) asked for a new password for your Chatwerk account.",
        "The link is valid for one hour and works once. If you did not ask for it, ignore this email.",
      ], { url, label: "Choose a new password" });
}

export function invitationMail(
  to: string,
  url: string,
  details: { workspaceName: string; inviterName: string; role: string },
  locale: TLocale,
): TMail {
  return locale === "de"
    ? composeMail(to, `Einladung zu „${details.workspaceName}“ auf Chatwerk`, [
        `${details.inviterName} lädt Sie in den Arbeitsbereich „${details.workspaceName}“ ein (Rolle: ${details.role}).`,
        "Die Einladung ist 7 Tage gültig.",
      ], { url, label: "Einladung annehmen" })
    : composeMail(to, `Invitation to "${details.workspaceName}" on Chatwerk`, [
        `${details.inviterName} invites you to the workspace "${details.workspaceName}" (role: ${details.role}).`,
        "The invitation is valid for 7 days.",
      ], { url, label: "Accept invitation" });
}
