"use client";

import { useTranslations } from "next-intl";
import { useRef, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { TChat } from "./console-state";
import { Icon } from "./icons";

/** The open chats as tabs (arrow keys move between them); each has its own close button. */
export function ChatTabs({ tabs, chats, activeId, meId, names, onActivate, onCloseTab }: { tabs: string[]; chats: Record<string, TChat>; activeId: string | null; meId: string | null; names: Record<string, string>; onActivate: (id: string) => void; onCloseTab: (id: string) => void }) {
  const t = useTranslations("dashboard.console.tabs");
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  if (tabs.length === 0) return null;

  const onKey = (e: KeyboardEvent, index: number) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const next = e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : (index + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
    const id = tabs[next]!;
    onActivate(id);
    refs.current[id]?.focus();
  };

  return (
    <div className="flex h-11 shrink-0 items-end gap-1 overflow-x-auto border-b border-slate-200 bg-slate-50 px-2 pt-1.5" role="tablist" aria-label={t("label")}>
      {tabs.map((id, index) => {
        const chat = chats[id];
        const c = chat?.conversation;
        const active = id === activeId;
        const dot = c?.status === "queued" ? "bg-amber-400" : c?.status === "assigned" ? (c.assignedTo?.userId === meId ? "bg-emerald-500" : "bg-sky-400") : "bg-slate-300";
        return (
          <div key={id} className={cn("group flex h-full max-w-52 min-w-32 shrink-0 items-center rounded-t-lg border border-b-0 text-sm", active ? "border-slate-200 bg-white text-slate-900" : "border-transparent text-slate-600 hover:bg-white/70")}>
            <button
              ref={(el) => {
                refs.current[id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={active}
              tabIndex={active ? 0 : -1}
              onClick={() => onActivate(id)}
              onKeyDown={(e) => onKey(e, index)}
              className="flex h-full min-w-0 flex-1 items-center gap-2 pr-1 pl-3"
            >
              <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", dot)} />
              <span className={cn("truncate", active && "font-medium")}>{names[id] ?? "…"}</span>
              {(chat?.unread ?? 0) > 0 && <span className="rounded-full bg-brand-600 px-1.5 text-[11px] font-semibold text-white">{t("unread", { count: chat!.unread })}</span>}
              {chat?.visitorTyping && <span className="sr-only">{t("typing")}</span>}
            </button>
            <button type="button" onClick={() => onCloseTab(id)} aria-label={t("close", { name: names[id] ?? "" })} className="mr-1 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
              <Icon name="close" className="size-3.5" />
            </button>
          </div>
        );
      })}
    </div>
  );
}
