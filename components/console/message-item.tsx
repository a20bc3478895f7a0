"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TConsoleMessage } from "@/lib/live-chat/protocol";
import type { TPendingMessage } from "./console-state";
import { safeHref } from "./format";
import { Icon } from "./icons";
import { refusalKey } from "./refusal";

/**
 * One message of the transcript. Every text (visitor, bot, colleagues, citations) is a React
 * text child: never HTML, so markup a visitor types is shown, not run.
 */
export function MessageItem({ message, meId, botName, visitorName, time }: { message: TConsoleMessage; meId: string | null; botName: string; visitorName: string; time: string }) {
  const t = useTranslations("dashboard.console.messages");
  if (message.role === "system") {
    return (
      <li className="flex justify-center py-1" data-role="system">
        <p className="max-w-[85%] rounded-full bg-slate-200/70 px-3 py-1 text-center text-xs whitespace-pre-wrap text-slate-600 [overflow-wrap:anywhere]">
          <span className="sr-only">{t("system")}: </span>
          {message.text}
          <span className="ml-1.5 text-slate-400">{time}</span>
        </p>
      </li>
    );
  }
  const own = message.role === "operator";
  const mine = own && message.author?.userId === meId;
  const author = message.role === "visitor" ? visitorName : message.role === "bot" ? t("bot", { name: botName }) : mine ? t("you") : (message.author?.name ?? t("operator"));
  return (
    <li className={cn("flex flex-col gap-1", own ? "items-end" : "items-start")} data-role={message.internal ? "note" : message.role} data-message-id={message.id}>
      <p className={cn("flex items-center gap-1.5 px-1 text-[11px] text-slate-500", own && "flex-row-reverse")}>
        {message.role === "bot" && <Icon name="bot" className="size-3.5 text-brand-600" />}
        {message.internal && <Icon name="lock" className="size-3.5 text-amber-600" />}
        <span className="font-medium text-slate-700">{message.internal ? t("noteBy", { name: author }) : author}</span>
        <span>{time}</span>
      </p>
      <div
        className={cn(
          "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm leading-relaxed shadow-sm sm:max-w-[75%]",
          message.internal
            ? "rounded-tr-md border border-dashed border-amber-400 bg-amber-50 text-amber-950"
            : own
              ? "rounded-tr-md bg-brand-600 text-white"
              : message.role === "bot"
                ? "rounded-tl-md bg-brand-50 text-slate-900 ring-1 ring-brand-100"
                : "rounded-tl-md bg-white text-slate-900 ring-1 ring-slate-200",
        )}
      >
        <p className="whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="message-text">
          {message.text || (message.status === "streaming" ? "…" : "")}
        </p>
        {message.citations.length > 0 && (
          <ol className="mt-2 space-y-0.5 border-t border-brand-100 pt-1.5 text-xs text-slate-600">
            {message.citations.map((c) => {
              const href = safeHref(c.url);
              return (
                <li key={`${c.n}-${c.sourceId}`} className="truncate">
                  [{c.n}]{" "}
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="underline decoration-brand-300 underline-offset-2 hover:text-brand-700">
                      {c.title}
                    </a>
                  ) : (
                    c.title
                  )}
                </li>
              );
            })}
          </ol>
        )}
        {message.status === "failed" && <p className="mt-1 text-xs text-red-600">{t("botFailed")}</p>}
      </div>
    </li>
  );
}

/** A message this operator sent that is not confirmed yet: sending, or failed with a reason and a retry. */
export function PendingItem({ pending, onRetry, onDiscard }: { pending: TPendingMessage; onRetry: () => void; onDiscard: () => void }) {
  const t = useTranslations("dashboard.console");
  const key = pending.error ? refusalKey(pending.error) : null;
  return (
    <li className="flex flex-col items-end gap-1" data-role={pending.internal ? "note" : "operator"} data-pending={pending.state}>
      <div
        className={cn(
          "max-w-[85%] rounded-2xl rounded-tr-md px-3.5 py-2 text-sm leading-relaxed sm:max-w-[75%]",
          pending.internal ? "border border-dashed border-amber-400 bg-amber-50 text-amber-950" : "bg-brand-600 text-white",
          pending.state === "sending" ? "opacity-70" : "ring-2 ring-red-400",
        )}
      >
        <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{pending.text}</p>
      </div>
      {pending.state === "sending" ? (
        <p className="px-1 text-[11px] text-slate-500">{t("messages.sending")}</p>
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-x-2 px-1 text-[11px]" role="alert">
          <span className="text-red-700">
            {t("messages.notSent")} {pending.error ? (key ? t(`refusals.${key}`) : pending.error.message) : null}
          </span>
          {pending.error?.reason !== "conversation_closed" && (
            <button type="button" onClick={onRetry} className="font-semibold text-brand-700 underline underline-offset-2">
              {t("messages.retry")}
            </button>
          )}
          <button type="button" onClick={onDiscard} className="text-slate-600 underline underline-offset-2">
            {t("messages.discard")}
          </button>
        </div>
      )}
    </li>
  );
}
