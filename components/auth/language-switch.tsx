"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/(auth)/actions";
import { cn } from "@/components/ui/cn";

const LANGUAGES = [
  { locale: "de", label: "Deutsch" },
  { locale: "en", label: "English" },
] as const;

/** Small segmented control: stores the choice in the cw_locale cookie and re-renders. */
export function LanguageSwitch({ current, label }: { current: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div role="group" aria-label={label} aria-busy={pending || undefined} className="inline-flex rounded-lg bg-white p-0.5 shadow-xs ring-1 ring-slate-200">
      {LANGUAGES.map(({ locale, label: name }) => {
        const active = locale === current;
        return (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={active}
            disabled={pending}
            onClick={() => {
              if (active) return;
              start(async () => {
                const result = await setLocaleAction({ locale });
                if (result.ok) router.refresh();
              });
            }}
            className={cn(
              "rounded-md px-2.5 py-1 text-xs font-medium transition-colors",
              active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            {name}
          </button>
        );
      })}
    </div>
  );
}
