import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/feedback";
import { InboxIcon } from "../icons";
import { LinkifiedText } from "./linkified-text";

export type TMailboxEntry = { id: string; to: string; subject: string; text: string; createdAt: string };

/** Newest first; the newest message is open, the rest expand on click. */
export async function MailList({ mails }: { mails: TMailboxEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("auth.mailbox"), getFormatter()]);
  if (mails.length === 0) {
    return (
      <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <EmptyState icon={<InboxIcon />} title={t("emptyTitle")} description={t("emptyText")} />
      </div>
    );
  }
  const now = new Date();
  return (
    <ol className="space-y-3">
      {mails.map((mail, i) => {
        const sentAt = new Date(mail.createdAt);
        const valid = !Number.isNaN(sentAt.getTime());
        return (
          <li key={mail.id}>
            <details open={i === 0} className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200 open:ring-slate-300">
              <summary className="flex cursor-pointer list-none items-start gap-3 rounded-xl px-4 py-3.5 hover:bg-slate-50 sm:px-5 [&::-webkit-details-marker]:hidden">
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-semibold text-pretty break-words text-slate-900">{mail.subject}</p>
                  <p className="mt-0.5 truncate text-xs text-slate-500">
                    {t("to")}: <span className="text-slate-700">{mail.to}</span>
                  </p>
                </div>
                {valid && (
                  <time
                    dateTime={sentAt.toISOString()}
                    title={format.dateTime(sentAt, { dateStyle: "medium", timeStyle: "medium" })}
                    className="shrink-0 pt-0.5 text-xs whitespace-nowrap text-slate-500"
                  >
                    {format.relativeTime(sentAt, now)}
                  </time>
                )}
                <svg viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-180" aria-hidden="true">
                  <path d="M5.5 7.5 10 12l4.5-4.5" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              </summary>
              <div className="border-t border-slate-100 px-4 py-4 sm:px-5">
                <LinkifiedText text={mail.text} />
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
