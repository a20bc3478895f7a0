"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";

/** On phones the sidebar becomes a slide-over opened from the top bar. */
export function MobileNav({ children }: { children: ReactNode }) {
  const t = useTranslations("dashboard.shell");
  const pathname = usePathname();
  // Remember where the menu was opened: navigating elsewhere closes it without an effect.
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const open = openedAt === pathname;
  const setOpen = (value: boolean) => setOpenedAt(value ? pathname : null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpenedAt(null);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-expanded={open} aria-controls="mobile-nav" className="rounded-lg p-2 text-slate-600 hover:bg-slate-100 lg:hidden">
        <span className="sr-only">{t("openMenu")}</span>
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true"><path d="M4 6h16M4 12h16M4 18h16" /></svg>
      </button>
      {open && (
        <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label={t("menu")}>
          <div className="absolute inset-0 bg-slate-900/40" onClick={() => setOpen(false)} />
          <div id="mobile-nav" className="absolute inset-y-0 left-0 flex w-72 max-w-[85%] flex-col gap-4 overflow-y-auto bg-white p-4 shadow-xl">
            <button type="button" onClick={() => setOpen(false)} className="self-end rounded-lg p-2 text-slate-500 hover:bg-slate-100">
              <span className="sr-only">{t("closeMenu")}</span>
              <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>
            </button>
            {children}
          </div>
        </div>
      )}
    </>
  );
}
