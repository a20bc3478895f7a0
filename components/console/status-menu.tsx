"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { TOperatorStatus } from "@/lib/live-chat/protocol";
import { Icon } from "./icons";

const STATUSES: TOperatorStatus[] = ["online", "away", "offline"];

export const STATUS_DOT: Record<TOperatorStatus, string> = {
  online: "bg-emerald-500",
  away: "bg-amber-400",
  offline: "bg-slate-400",
};

/** The operator's availability as a menu of three radio items; arrows, Enter and Escape work. */
export function StatusMenu({ status, disabled, onChange }: { status: TOperatorStatus; disabled: boolean; onChange: (status: TOperatorStatus) => void }) {
  const t = useTranslations("dashboard.console.status");
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemsRef = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    itemsRef.current[STATUSES.indexOf(status)]?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!(e.target as Element).closest?.(`[data-status-menu="${menuId}"]`)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, status, menuId]);

  const choose = (value: TOperatorStatus) => {
    setOpen(false);
    buttonRef.current?.focus();
    if (value !== status) onChange(value);
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const index = itemsRef.current.findIndex((item) => item === document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = (index + (e.key === "ArrowDown" ? 1 : -1) + STATUSES.length) % STATUSES.length;
      itemsRef.current[next]?.focus();
    } else if (e.key === "Escape" || e.key === "Tab") {
      e.stopPropagation();
      setOpen(false);
      if (e.key === "Escape") buttonRef.current?.focus();
    }
  };

  return (
    <div className="relative" data-status-menu={menuId}>
      <button
        ref={buttonRef}
        type="button"
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("button", { status: t(status) })}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex h-9 items-center gap-2 rounded-lg px-2.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:opacity-60 sm:px-3"
      >
        <span aria-hidden="true" className={cn("size-2.5 rounded-full", STATUS_DOT[status], status === "online" && "ring-4 ring-emerald-100")} />
        <span className="hidden sm:inline">{t(status)}</span>
        <Icon name="chevronDown" className="size-3.5 text-slate-500" />
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={t("label")} onKeyDown={onMenuKey} className="absolute right-0 z-30 mt-1.5 w-64 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-200">
          {STATUSES.map((value, i) => (
            <button
              key={value}
              ref={(el) => {
                itemsRef.current[i] = el;
              }}
              type="button"
              role="menuitemradio"
              aria-checked={value === status}
              onClick={() => choose(value)}
              className={cn("flex w-full items-start gap-3 rounded-lg px-3 py-2 text-left hover:bg-slate-50 focus-visible:bg-slate-50", value === status && "bg-slate-50")}
            >
              <span aria-hidden="true" className={cn("mt-1.5 size-2.5 shrink-0 rounded-full", STATUS_DOT[value])} />
              <span className="min-w-0 flex-1">
                <span className="block text-sm font-medium text-slate-900">{t(value)}</span>
                <span className="block text-xs text-slate-500">{t(`${value}Hint`)}</span>
              </span>
              {value === status && <Icon name="check" className="mt-1 text-brand-600" />}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
