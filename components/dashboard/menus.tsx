"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A disclosure menu: button + panel, closes on Escape, outside click and navigation. */
function Menu({ label, button, children, align = "left", className }: { label: string; button: ReactNode; children: (close: () => void) => ReactNode; align?: "left" | "right"; className?: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  return (
    <div ref={ref} className={cn("relative", className)}>
      <button
        type="button"
        aria-expanded={open}
        aria-label={label}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm hover:bg-slate-100"
      >
        {button}
      </button>
      {open && (
        <div className={cn("absolute z-30 mt-1 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200", align === "right" ? "right-0" : "left-0")}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

const ITEM = "block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100";

export function WorkspaceSwitcher({ current, workspaces }: { current: { slug: string; name: string }; workspaces: { slug: string; name: string; role: string }[] }) {
  const t = useTranslations("dashboard.shell");
  return (
    <Menu
      label={t("switchWorkspace")}
      button={
        <>
          <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-brand-600 text-xs font-bold text-white">{current.name.slice(0, 1).toUpperCase()}</span>
          <span className="min-w-0 flex-1 truncate font-semibold text-slate-900">{current.name}</span>
          <svg viewBox="0 0 20 20" className="size-4 text-slate-400" aria-hidden="true"><path fill="currentColor" d="M10 3l4 5H6zm0 14l-4-5h8z" /></svg>
        </>
      }
    >
      {(close) => (
        <>
          <p className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-400">{t("workspaces")}</p>
          {workspaces.map((w) => (
            <Link key={w.slug} href={`/dashboard/${w.slug}`} onClick={close} aria-current={w.slug === current.slug ? "true" : undefined} className={cn(ITEM, "flex items-center justify-between gap-2")}>
              <span className="truncate">{w.name}</span>
              {w.slug === current.slug && <span className="text-brand-600" aria-hidden="true">✓</span>}
            </Link>
          ))}
          <div className="my-1 border-t border-slate-100" />
          <Link href="/dashboard/new" onClick={close} className={ITEM}>
            + {t("newWorkspace")}
          </Link>
        </>
      )}
    </Menu>
  );
}

export function UserMenu({ name, email }: { name: string | null; email: string }) {
  const t = useTranslations("dashboard.shell");
  return (
    <Menu
      label={t("userMenu")}
      align="left"
      button={
        <>
          <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700">{(name || email).slice(0, 1).toUpperCase()}</span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium text-slate-900">{name || email}</span>
            {name && <span className="block truncate text-xs text-slate-500">{email}</span>}
          </span>
        </>
      }
    >
      {(close) => (
        <>
          <Link href="/dashboard/account" onClick={close} className={ITEM}>
            {t("account")}
          </Link>
          <button type="button" className={ITEM} onClick={() => void signOut({ callbackUrl: "/login" })}>
            {t("signOut")}
          </button>
        </>
      )}
    </Menu>
  );
}
