"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A list of short values as removable chips. Enter, comma or Tab (with text) adds the typed
 * value; Backspace in an empty field removes the last chip; each chip has its own remove button.
 */
export function ChipsInput({
  id,
  values,
  onChange,
  max,
  maxLength,
  placeholder,
  removeLabel,
  normalize = (v) => v.trim(),
  invalid,
  describedBy,
  type = "text",
}: {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  max: number;
  maxLength: number;
  placeholder?: string;
  removeLabel: (value: string) => string;
  normalize?: (value: string) => string;
  invalid?: boolean;
  describedBy?: string;
  type?: "text" | "email";
}) {
  const [draft, setDraft] = useState("");
  const listId = useId();
  const full = values.length >= max;

  const commit = () => {
    const parts = draft
      .split(/[,;\n]/)
      .map(normalize)
      .filter(Boolean);
    if (parts.length === 0) return false;
    const next = [...values];
    for (const part of parts) if (!next.includes(part) && next.length < max) next.push(part);
    onChange(next);
    setDraft("");
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      commit();
    } else if (e.key === "Tab" && draft.trim()) {
      commit();
    } else if (e.key === "Backspace" && draft === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div
      className={cn(
        "flex min-h-10 flex-wrap items-center gap-1.5 rounded-lg bg-white px-2 py-1.5 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-600",
        invalid ? "ring-red-500" : "ring-slate-300",
      )}
    >
      <ul id={listId} className="contents">
        {values.map((value) => (
          <li key={value} className="inline-flex max-w-full items-center gap-1 rounded-md bg-slate-100 py-0.5 pr-1 pl-2 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset">
            <span className="truncate">{value}</span>
            <button
              type="button"
              onClick={() => onChange(values.filter((v) => v !== value))}
              aria-label={removeLabel(value)}
              className="inline-flex size-5 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              <svg viewBox="0 0 24 24" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        type="text"
        inputMode={type === "email" ? "email" : "text"}
        autoComplete="off"
        value={draft}
        disabled={full}
        maxLength={maxLength}
        placeholder={full ? undefined : placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        className="h-7 min-w-32 flex-1 border-0 bg-transparent px-1 text-sm text-slate-900 placeholder:text-slate-400 focus:ring-0 focus:outline-none disabled:cursor-not-allowed"
      />
    </div>
  );
}
