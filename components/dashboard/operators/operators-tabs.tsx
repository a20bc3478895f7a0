"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";

export type TOperatorsTab = { key: "operators" | "profile" | "departments" | "canned" | "settings"; href: string; prefixes: string[] };

/** The live-chat administration's sections as links (each tab is a real page with its own address). */
export function OperatorsTabs({ tabs }: { tabs: TOperatorsTab[] }) {
  const t = useTranslations("dashboard.operators.tabs");
  const pathname = usePathname();
  const activeRef = useRef<HTMLAnchorElement>(null);
  // On a phone the tab bar scrolls sideways: keep the current tab in view.
  // A block body on purpose: newer browsers return a Promise from scrollIntoView, and React
  // would take a returned value for the effect's cleanup function.
  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav aria-label={t("label")} className="-mx-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => {
          const active = pathname === tab.href || tab.prefixes.some((p) => pathname.startsWith(p));
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                ref={active ? activeRef : undefined}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex h-11 items-center border-b-2 px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-500",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t(tab.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
