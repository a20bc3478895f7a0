"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { TConversationDetails, TVisitorDetails } from "@/lib/live-chat/protocol";
import { describeUserAgent, formatDuration, safeHref, shortUrl } from "./format";
import { Icon } from "./icons";
import { useNow } from "./use-console";
import { VisitorAvatar } from "./visitor-avatar";

/**
 * What the operator knows about the visitor: the page they are on (live), where they came
 * from, what they answered before the chat and their earlier conversations. Every value
 * comes from the visitor's browser: shown as text, linked only when it is http(s).
 */
export function VisitorPanel({
  chatId, visitor, conversation, visitorName, onBack, onOpenConversation,
}: {
  chatId: string;
  visitor: TVisitorDetails | null;
  conversation: TConversationDetails | null;
  visitorName: string;
  onBack: () => void;
  onOpenConversation: (id: string) => void;
}) {
  const t = useTranslations("dashboard.console.info");
  const ts = useTranslations("dashboard.console.chatStatus");
  const locale = useLocale();
  const now = useNow(1000);
  const dateTime = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });

  if (!visitor) {
    return <p className="p-5 text-sm text-slate-500">{t("loading")}</p>;
  }
  const current = visitor.currentPage;
  const lastVisit = visitor.pages.at(-1);
  const onPageSince = current && lastVisit?.url === current.url && lastVisit.at ? Date.parse(lastVisit.at) : null;
  const fields = Object.entries(visitor.fields);
  const device = describeUserAgent(visitor.userAgent);

  return (
    <div className="pb-6" data-visitor-panel={chatId}>
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <button type="button" onClick={onBack} className="-ml-2 rounded-lg p-2 text-slate-600 hover:bg-slate-100 lg:hidden" aria-label={t("back")}>
          <Icon name="back" className="size-5" />
        </button>
        <VisitorAvatar name={visitorName} seed={chatId} size="lg" />
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900">{visitorName}</h2>
          {visitor.email && <p className="truncate text-sm text-slate-600">{visitor.email}</p>}
        </div>
      </div>

      <Block title={t("currentPage")}>
        {current ? (
          <div className="rounded-lg bg-emerald-50/60 p-2.5 ring-1 ring-emerald-100" data-testid="current-page">
            <p className="flex items-center gap-1.5 text-[11px] font-medium text-emerald-700">
              <span className="relative flex size-2" aria-hidden="true">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />
                <span className="relative inline-flex size-2 rounded-full bg-emerald-500" />
              </span>
              {t("live")}
              {onPageSince && <span className="ml-auto tabular-nums text-emerald-700/80">{t("onPageFor", { time: formatDuration(now - onPageSince) })}</span>}
            </p>
            <p className="mt-1 text-sm font-medium break-words text-slate-900">{current.title || t("untitled")}</p>
            <UrlText url={current.url} className="text-xs" />
          </div>
        ) : (
          <p className="text-sm text-slate-500">{t("unknown")}</p>
        )}
      </Block>

      <Block title={t("details")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          <Row label={t("language")}>{visitor.locale ?? t("unknown")}</Row>
          <Row label={t("referrer")}>{visitor.referrer ? <UrlText url={visitor.referrer} /> : t("direct")}</Row>
          {visitor.searchPhrase && <Row label={t("searchPhrase")}>„{visitor.searchPhrase}“</Row>}
          {device && <Row label={t("device")}>{device}</Row>}
          {conversation && <Row label={t("started")}>{dateTime.format(new Date(conversation.createdAt))}</Row>}
        </dl>
      </Block>

      {fields.length > 0 && (
        <Block title={t("prechat")}>
          <dl className="space-y-1.5 text-sm" data-testid="prechat-fields">
            {fields.map(([key, value]) => (
              <div key={key}>
                <dt className="text-xs text-slate-500">{key}</dt>
                <dd className="whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
              </div>
            ))}
          </dl>
        </Block>
      )}

      <Block title={t("pages", { count: visitor.pages.length })}>
        {visitor.pages.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noPages")}</p>
        ) : (
          <ol className="space-y-1.5">
            {[...visitor.pages].reverse().map((page, i) => (
              <li key={`${page.at}-${i}`} className="flex gap-2 text-xs">
                <span className="w-10 shrink-0 text-slate-400 tabular-nums">{page.at ? time.format(new Date(page.at)) : ""}</span>
                <span className="min-w-0">
                  <span className="block truncate font-medium text-slate-800">{page.title || shortUrl(page.url)}</span>
                  <UrlText url={page.url} className="block truncate" />
                </span>
              </li>
            ))}
          </ol>
        )}
      </Block>

      <Block title={t("earlier", { count: visitor.earlierConversations.length })}>
        {visitor.earlierConversations.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noEarlier")}</p>
        ) : (
          <ul className="space-y-1">
            {visitor.earlierConversations.map((e) => (
              <li key={e.id}>
                <button type="button" onClick={() => onOpenConversation(e.id)} className="flex w-full items-center gap-2 rounded-lg px-2 py-1.5 text-left text-xs hover:bg-slate-50">
                  <span className="text-slate-700 tabular-nums">{dateTime.format(new Date(e.createdAt))}</span>
                  <span className="rounded bg-slate-100 px-1.5 text-slate-600">{ts(e.status)}</span>
                  <span className="text-slate-500">{t("messages", { count: e.messageCount })}</span>
                  {e.rating !== null && (
                    <span className="ml-auto text-amber-500" aria-label={t("rating", { rating: e.rating })}>
                      {"★".repeat(e.rating)}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Block>
    </div>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-b border-slate-100 px-4 py-3.5">
      <h3 className="mb-2 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-900 [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

/** An address from the visitor's browser: a link for http(s), plain text for anything else. */
function UrlText({ url, className }: { url: string; className?: string }) {
  const href = safeHref(url);
  if (!href) return <span className={cn("text-slate-600 [overflow-wrap:anywhere]", className)}>{url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className={cn("text-brand-700 underline decoration-brand-200 underline-offset-2 [overflow-wrap:anywhere] hover:decoration-brand-500", className)}>
      {shortUrl(url)}
    </a>
  );
}
