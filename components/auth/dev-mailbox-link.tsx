import Link from "next/link";
import { useTranslations } from "next-intl";
import { InboxIcon } from "./icons";

/** Shown after an email was "sent" on a server without SMTP: where to find it. */
export function DevMailboxLink() {
  const t = useTranslations("auth.devMailbox");
  return (
    <div className="mt-4 rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-3 text-left text-sm">
      <Link href="/dev/mailbox" prefetch={false} className="inline-flex items-center gap-2 font-medium text-brand-700 hover:text-brand-800 hover:underline underline-offset-4">
        <InboxIcon className="size-4 shrink-0" />
        {t("link")}
      </Link>
      <p className="mt-0.5 pl-6 text-xs text-slate-500">{t("hint")}</p>
    </div>
  );
}
