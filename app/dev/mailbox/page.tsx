import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MailList } from "@/components/auth/mailbox/mail-list";
import { buttonClasses } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Logo } from "@/components/ui/logo";
import { listOutbox, mailboxEnabled } from "@/lib/mail/send-mail";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.mailbox");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** Emails written to DATA_DIR/outbox when SMTP_URL is not set; gone as soon as it is. */
export default async function DevMailboxPage() {
  if (!mailboxEnabled()) notFound();
  const [t, mails] = await Promise.all([getTranslations("auth.mailbox"), listOutbox(100)]);
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between px-4 sm:px-6">
          <Link href="/" className="inline-flex rounded-lg">
            <Logo />
          </Link>
          <Link href="/login" className="text-sm font-medium text-brand-600 hover:text-brand-700">
            {t("back")}
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
            <p className="mt-1 text-sm text-slate-600">{t("count", { count: mails.length })}</p>
          </div>
          <a href="/dev/mailbox" className={buttonClasses("secondary", "sm")}>
            {t("refresh")}
          </a>
        </div>
        <Alert tone="warning" title={t("note")} className="mt-5 mb-6">
          {t("noteDetail")}
        </Alert>
        <MailList mails={mails.map(({ id, to, subject, text, createdAt }) => ({ id, to, subject, text, createdAt }))} />
      </main>
    </div>
  );
}
