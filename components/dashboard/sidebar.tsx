"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TRole } from "@/lib/validation/common";
import { roleAllows } from "@/lib/workspaces/roles";
import { NAV_ITEMS } from "./nav-items";

export function SidebarNav({ slug, role, onNavigate }: { slug: string; role: TRole; onNavigate?: () => void }) {
  const t = useTranslations("dashboard.nav");
  const pathname = usePathname();
  const base = `/dashboard/${slug}`;
  return (
    <nav aria-label={t("label")} className="space-y-0.5">
      {NAV_ITEMS.filter((item) => roleAllows(role, [item.minRole])).map((item) => {
        const href = `${base}${item.href}`;
        const active = item.href === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={item.key}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors",
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            <svg viewBox="0 0 24 24" className="size-[18px] shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d={item.icon} />
            </svg>
            {t(item.key)}
          </Link>
        );
      })}
    </nav>
  );
}
