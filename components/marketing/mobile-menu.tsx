"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Icon } from "./icons";
import { NavLinks, type TNavItem } from "./nav-links";

/** Disclosure menu below md: a real button, Escape closes and returns focus to it. */
export function MobileMenu({
  labels,
  items,
  login,
  signup,
}: {
  labels: { open: string; close: string; nav: string };
  items: TNavItem[];
  login: { href: string; label: string };
  signup: { href: string; label: string };
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>("a")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div className="md:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={open ? labels.close : labels.open}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex size-10 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100"
      >
        <Icon name={open ? "x" : "menu"} className="size-6" />
      </button>
      <div
        ref={panelRef}
        id={panelId}
        hidden={!open}
        className="absolute inset-x-0 top-16 border-b border-slate-200 bg-white shadow-lg"
      >
        <nav aria-label={labels.nav} className="mx-auto max-w-6xl px-4 py-4 sm:px-6">
          <NavLinks
            items={items}
            listClassName="flex flex-col gap-1"
            linkClassName={{
              base: "block rounded-lg px-3 py-3 text-base font-medium",
              current: "bg-brand-50 text-brand-700",
              other: "text-slate-800 hover:bg-slate-100",
            }}
            onNavigate={() => setOpen(false)}
          />
          <div className="mt-4 grid grid-cols-2 gap-3 border-t border-slate-200 pt-4">
            <Link href={login.href} onClick={() => setOpen(false)} className={buttonClasses("secondary", "lg", "w-full")}>
              {login.label}
            </Link>
            <Link href={signup.href} onClick={() => setOpen(false)} className={buttonClasses("primary", "lg", "w-full")}>
              {signup.label}
            </Link>
          </div>
        </nav>
      </div>
    </div>
  );
}
