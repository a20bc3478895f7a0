"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/feedback";
import type { TQueueItem } from "@/lib/live-chat/protocol";
import type { TQueueSections } from "./console-state";
import { formatDuration, visitorTag } from "./format";
import { useNow } from "./use-console";
import { Icon } from "./icons";
import { VisitorAvatar } from "./visitor-avatar";

type TQueueProps = {
  sections: TQueueSections | null;
  activeId: string | null;
  unread: Record<string, number>;
  busy: Record<string, boolean>;
  onOpen: (id: string) => void;
  onAccept: (id: string) => void;
  onDecline: (id: string) => void;
};

/** Offers to this operator, waiting chats, own chats and colleagues' chats, from the `queue` snapshot. */
export function QueuePanel({ sections, activeId, unread, busy, onOpen, onAccept, onDecline }: TQueueProps) {
  const t = useTranslations("dashboard.console.queue");
  const now = useNow(1000);
  if (!sections) {
    return (
      <div className="space-y-3 p-4" aria-busy="true">
        <span className="sr-only">{t("loading")}</span>
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex gap-3">
            <Skeleton className="size-9 rounded-full" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-3.5 w-2/3" />
              <Skeleton className="h-3 w-full" />
            </div>
          </div>
        ))}
      </div>
    );
  }
  const waitingCount = sections.offers.length + sections.waiting.length;
  return (
    <div className="pb-4">
      {waitingCount === 0 && (
        <div className="mx-3 mt-3 rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center">
          <div className="mx-auto mb-2 flex size-10 items-center justify-center rounded-full bg-emerald-50 text-emerald-600">
            <Icon name="check" className="size-5" />
          </div>
          <p className="text-sm font-semibold text-slate-900">{t("empty")}</p>
          <p className="mt-1 text-xs text-slate-500">{t("emptyText")}</p>
        </div>
      )}
      <Section title={t("offers")} count={sections.offers.length} tone="brand">
        {sections.offers.map((item) => (
          <QueueRow key={item.id} item={item} now={now} active={activeId === item.id} unread={0} onOpen={onOpen}>
            <div className="mt-2 flex gap-2">
              <Button size="sm" className="flex-1" loading={busy[item.id]} onClick={() => onAccept(item.id)} aria-keyshortcuts="Alt+A">
                {t("accept")}
              </Button>
              <Button size="sm" variant="secondary" className="flex-1" disabled={busy[item.id]} onClick={() => onDecline(item.id)} aria-keyshortcuts="Alt+D">
                {t("decline")}
              </Button>
            </div>
          </QueueRow>
        ))}
      </Section>
      <Section title={t("waiting")} count={sections.waiting.length}>
        {sections.waiting.map((item) => (
          <QueueRow key={item.id} item={item} now={now} active={activeId === item.id} unread={0} onOpen={onOpen}>
            <div className="mt-2">
              <Button size="sm" variant="secondary" className="w-full" loading={busy[item.id]} onClick={() => onAccept(item.id)}>
                {t("take")}
              </Button>
            </div>
          </QueueRow>
        ))}
      </Section>
      <Section title={t("mine")} count={sections.mine.length}>
        {sections.mine.map((item) => (
          <QueueRow key={item.id} item={item} now={now} active={activeId === item.id} unread={unread[item.id] ?? 0} onOpen={onOpen} />
        ))}
      </Section>
      <Section title={t("team")} count={sections.team.length}>
        {sections.team.map((item) => (
          <QueueRow key={item.id} item={item} now={now} active={activeId === item.id} unread={0} onOpen={onOpen} />
        ))}
      </Section>
    </div>
  );
}

function Section({ title, count, tone, children }: { title: string; count: number; tone?: "brand"; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="mt-3" aria-label={title}>
      <h3 className="flex items-center gap-2 px-4 pb-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
        {title}
        <span className={cn("rounded-full px-1.5 py-px text-[11px] font-semibold", tone === "brand" ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600")}>{count}</span>
      </h3>
      <ul className="space-y-1 px-2">{children}</ul>
    </section>
  );
}

function QueueRow({ item, now, active, unread, onOpen, children }: { item: TQueueItem; now: number; active: boolean; unread: number; onOpen: (id: string) => void; children?: ReactNode }) {
  const t = useTranslations("dashboard.console");
  const name = item.visitor.name || t("visitor.anonymous", { tag: visitorTag(item.id) });
  const since = item.status === "queued" ? item.queuedAt : item.assignedAt;
  const offer = Boolean(children) && item.status === "queued";
  return (
    <li
      data-conversation-id={item.id}
      className={cn(
        "rounded-xl px-2 py-2 transition-colors",
        active ? "bg-brand-50 ring-1 ring-brand-200" : "hover:bg-slate-50",
        offer && !active && "bg-brand-50/40 ring-2 ring-brand-200",
      )}
    >
      <button type="button" onClick={() => onOpen(item.id)} className="flex w-full min-w-0 items-start gap-3 rounded-lg text-left focus-visible:outline-2 focus-visible:outline-brand-500">
        <VisitorAvatar name={name} seed={item.id} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className="truncate text-sm font-semibold text-slate-900" data-testid="queue-name">
              {name}
            </span>
            {since && (
              <span className={cn("ml-auto shrink-0 text-xs tabular-nums", item.status === "queued" && now - Date.parse(since) > 60_000 ? "font-medium text-amber-700" : "text-slate-500")}>
                {formatDuration(now - Date.parse(since))}
              </span>
            )}
          </span>
          <span className="mt-0.5 block truncate text-xs text-slate-600" data-testid="queue-preview">
            {item.lastMessage ? (
              <>
                {item.lastMessage.role !== "visitor" && <span className="text-slate-400">{t(`roles.${item.lastMessage.role}`)}: </span>}
                {item.lastMessage.text}
              </>
            ) : (
              <span className="text-slate-400">{t("queue.noMessages")}</span>
            )}
          </span>
          <span className="mt-1 flex flex-wrap items-center gap-1.5 text-[11px] text-slate-500">
            {item.handoffReason && <span className="rounded bg-slate-100 px-1.5 py-px">{t(`queue.reasons.${item.handoffReason}`)}</span>}
            {item.department && <span className="rounded bg-violet-50 px-1.5 py-px text-violet-700">{item.department.name}</span>}
            {item.visitor.page?.title && <span className="min-w-0 truncate">{item.visitor.page.title}</span>}
            {item.status === "assigned" && item.assignedTo && <span className="truncate">{t("queue.with", { name: item.assignedTo.name })}</span>}
            {unread > 0 && <span className="ml-auto rounded-full bg-brand-600 px-1.5 py-px font-semibold text-white">{t("queue.unread", { count: unread })}</span>}
          </span>
        </span>
      </button>
      {children}
    </li>
  );
}
