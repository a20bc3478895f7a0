"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

export const MAX_SUGGESTIONS = 6;

/** Suggested questions the widget shows under the greeting: add, edit, reorder, remove (at most six). */
export function SuggestionsEditor({ id, items, onChange }: { id: string; items: string[]; onChange: (items: string[]) => void }) {
  const t = useTranslations("dashboard.widgetDesign");
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
  };
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-800">{t("suggestions")}</legend>
      <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
        {t("suggestionsHint", { count: items.length, max: MAX_SUGGESTIONS })}
      </p>
      {items.length > 0 && (
        <ol className="mt-2 space-y-2">
          {items.map((item, i) => (
            <li key={i} className="flex items-center gap-1.5">
              <Input
                id={`${id}-${i}`}
                aria-label={t("suggestion", { n: i + 1 })}
                maxLength={120}
                value={item}
                placeholder={t("suggestionPlaceholder")}
                onChange={(e) => onChange(items.map((s, j) => (j === i ? e.target.value : s)))}
              />
              <Button variant="ghost" size="sm" className="px-2" aria-label={t("moveUp", { n: i + 1 })} disabled={i === 0} onClick={() => move(i, i - 1)}>
                ↑
              </Button>
              <Button variant="ghost" size="sm" className="px-2" aria-label={t("moveDown", { n: i + 1 })} disabled={i === items.length - 1} onClick={() => move(i, i + 1)}>
                ↓
              </Button>
              <Button variant="ghost" size="sm" className="px-2 text-red-600! hover:bg-red-50!" aria-label={t("removeSuggestion", { n: i + 1 })} onClick={() => onChange(items.filter((_, j) => j !== i))}>
                ✕
              </Button>
            </li>
          ))}
        </ol>
      )}
      <Button
        variant="secondary"
        size="sm"
        className="mt-2"
        disabled={items.length >= MAX_SUGGESTIONS}
        onClick={() => {
          onChange([...items, ""]);
          requestAnimationFrame(() => document.getElementById(`${id}-${items.length}`)?.focus());
        }}
      >
        + {t("addSuggestion")}
      </Button>
    </fieldset>
  );
}
