"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/feedback";
import type { TLiveVisitor } from "@/lib/live-chat/protocol";
import { formatDuration, shortUrl } from "./format";
import { Icon } from "./icons";
import { useNow } from "./use-console";

/** Everyone on a page with the widget right now (`visitors`), with an invitation per visitor. */
export function VisitorsPanel({ visitors, onInvite, onOpen }: { visitors: TLiveVisitor[] | null; onInvite: (visitor: TLiveVisitor) => void; onOpen: (conversationId: string) => void }) {
  const t = useTranslations("dashboard.console.visitors");
  const ts = useTranslations("dashboard.console.chatStatus");
  const now = useNow(1000);
  if (!visitors) {
    return (
      <div className="space-y-3 p-4" aria-busy="true">
        <span className="sr-only">{t("loading")}</span>
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  }
  if (visitors.length === 0) {
    return (
      <div className="mx-3 mt-3 rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center">
        <div className="mx-auto mb-2 flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          <Icon name="globe" className="size-5" />
        </div>
        <p className="text-sm font-semibold text-slate-900">{t("empty")}</p>
        <p className="mt-1 text-xs text-slate-500">{t("emptyText")}</p>
      </div>
    );
  }
  return (
    <ul className="space-y-1 p-2" aria-label={t("label")}>
      {visitors.map((v) => {
        const chatting = v.conversationStatus === "queued" || v.conversationStatus === "assigned";
        return (
          <li key={v.visitorKey} data-visitor-key={v.visitorKey} className="rounded-xl px-3 py-2.5 hover:bg-slate-50">
            <div className="flex items-start gap-2">
              <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-emerald-500" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{v.page.title || shortUrl(v.page.url)}</p>
                <p className="truncate text-xs text-slate-500">{shortUrl(v.page.url)}</p>
                <p className="mt-1 flex flex-wrap gap-x-2 gap-y-0.5 text-[11px] text-slate-500">
                  <span className="tabular-nums">{t("onPage", { time: formatDuration(now - Date.parse(v.pageSince)) })}</span>
                  {v.locale && <span>{v.locale}</span>}
                  {v.mode === "track" && <span>{t("trackOnly")}</span>}
                  {v.conversationStatus && <span className="rounded bg-slate-100 px-1.5 text-slate-600">{ts(v.conversationStatus)}</span>}
                </p>
                {(v.searchPhrase || v.referrer) && (
                  <p className="mt-0.5 truncate text-[11px] text-slate-500">
                    {v.searchPhrase ? t("searched", { phrase: v.searchPhrase }) : t("from", { referrer: shortUrl(v.referrer ?? "") })}
                  </p>
                )}
              </div>
            </div>
            <div className="mt-2 flex gap-2 pl-4">
              {!chatting && v.mode === "widget" && (
                <Button size="sm" variant="secondary" onClick={() => onInvite(v)}>
                  <Icon name="invite" className="size-3.5" />
                  {t("invite")}
                </Button>
              )}
              {v.conversationId && (
                <Button size="sm" variant="ghost" onClick={() => onOpen(v.conversationId!)}>
                  {t("openChat")}
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
