"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TCannedResponse } from "@/lib/live-chat/protocol";

/**
 * The canned-response list under the composer while its text is `/query`. The composer keeps
 * the focus and drives the selection (aria-activedescendant), so typing keeps filtering.
 */
export function CannedPicker({
  id, responses, loading, selected, query, onPick, onHover,
}: {
  id: string;
  responses: TCannedResponse[];
  loading: boolean;
  selected: number;
  query: string;
  onPick: (response: TCannedResponse) => void;
  onHover: (index: number) => void;
}) {
  const t = useTranslations("dashboard.console.canned");
  return (
    <div className="absolute inset-x-0 bottom-full z-20 mb-2 overflow-hidden rounded-xl bg-white shadow-xl ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2 text-xs text-slate-500">
        <span className="shrink-0 font-semibold text-slate-700">{t("title")}</span>
        <span className="hidden truncate sm:block">{t("hint")}</span>
      </div>
      <ul id={id} role="listbox" aria-label={t("title")} className="max-h-64 overflow-y-auto p-1">
        {responses.map((r, i) => (
          <li
            key={r.id}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === selected}
            onMouseDown={(e) => {
              // Keep the focus in the composer.
              e.preventDefault();
              onPick(r);
            }}
            onMouseEnter={() => onHover(i)}
            className={cn("cursor-pointer rounded-lg px-3 py-2", i === selected ? "bg-brand-50" : "hover:bg-slate-50")}
          >
            <p className="flex items-baseline gap-2 text-sm">
              <span className="font-mono text-xs font-semibold text-brand-700">/{r.shortcut}</span>
              <span className="truncate font-medium text-slate-900">{r.title}</span>
              <span className="ml-auto shrink-0 text-[11px] text-slate-400">{t(`scopes.${r.scope}`)}</span>
            </p>
            <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{r.text}</p>
          </li>
        ))}
        {responses.length === 0 && <li className="px-3 py-4 text-center text-sm text-slate-500">{loading ? t("loading") : query ? t("none", { query }) : t("empty")}</li>}
      </ul>
    </div>
  );
}
