import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { TTranscriptMessage } from "@/lib/conversations/conversations";

const BUBBLE: Record<TTranscriptMessage["role"], string> = {
  visitor: "bg-slate-100 text-slate-900",
  bot: "bg-white text-slate-900 ring-1 ring-inset ring-slate-200",
  operator: "bg-brand-50 text-slate-900 ring-1 ring-inset ring-brand-200",
  system: "bg-transparent text-slate-500 italic",
};

/**
 * The whole conversation as the team sees it. Every text is rendered as text (visitors and
 * bots wrote it), internal notes are marked and set apart.
 */
export async function TranscriptMessages({ messages }: { messages: TTranscriptMessage[] }) {
  const t = await getTranslations("dashboard.conversations");
  const format = await getFormatter();
  if (!messages.length) return <p className="px-5 py-8 text-center text-sm text-slate-500">{t("noMessages")}</p>;
  return (
    <ol className="space-y-4 px-5 py-5">
      {messages.map((m) => (
        <li key={m.id} className={cn("flex flex-col", m.role === "visitor" ? "items-start" : "items-end", m.role === "system" && "items-center")}>
          <p className="mb-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
            <span className="font-medium text-slate-700">{m.role === "operator" && m.authorName ? m.authorName : t(`roles.${m.role}`)}</span>
            <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "medium" })}</time>
            {m.internal && (
              <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-800" title={t("internalHint")}>
                {t("internalNote")}
              </span>
            )}
          </p>
          <div
            className={cn(
              "max-w-[42rem] rounded-xl px-4 py-2.5 text-sm break-words whitespace-pre-wrap",
              m.internal ? "border border-dashed border-amber-300 bg-amber-50 text-amber-950" : BUBBLE[m.role],
            )}
          >
            {m.text}
          </div>
        </li>
      ))}
    </ol>
  );
}
