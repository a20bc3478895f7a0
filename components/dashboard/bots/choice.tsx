"use client";

import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** An on/off setting: a native checkbox (keyboard, forms, labels) drawn as a switch. */
export function Toggle({ id, checked, onChange, label, description }: { id: string; checked: boolean; onChange: (checked: boolean) => void; label: ReactNode; description?: ReactNode }) {
  return (
    <div className="flex items-start gap-3">
      <span className="relative mt-0.5 inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={description ? `${id}-description` : undefined}
          className="peer absolute inset-0 size-full cursor-pointer appearance-none rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        />
        <span aria-hidden="true" className="pointer-events-none h-6 w-11 rounded-full bg-slate-300 transition-colors peer-checked:bg-brand-600" />
        <span aria-hidden="true" className="pointer-events-none absolute left-0.5 top-0.5 size-5 rounded-full bg-white shadow transition-transform peer-checked:translate-x-5" />
      </span>
      <span className="min-w-0">
        <label htmlFor={id} className="block cursor-pointer text-sm font-medium text-slate-800">
          {label}
        </label>
        {description && (
          <span id={`${id}-description`} className="block text-xs text-slate-500">
            {description}
          </span>
        )}
      </span>
    </div>
  );
}

/**
 * A group of radio cards: native radios (arrow keys move the choice) with a visible card
 * per option and a focus ring on the card.
 */
export function RadioCards<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  columns = 2,
}: {
  name: string;
  legend: ReactNode;
  value: T;
  options: { value: T; label: ReactNode; description?: ReactNode; icon?: ReactNode }[];
  onChange: (value: T) => void;
  columns?: 2 | 3;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className={cn("mt-2 grid gap-2", columns === 3 ? "grid-cols-3" : "grid-cols-1 sm:grid-cols-2")}>
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "relative flex cursor-pointer gap-3 rounded-lg p-3 ring-1 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
              option.icon ? "flex-col items-center text-center" : "items-start",
              value === option.value ? "bg-brand-50 ring-2 ring-brand-600" : "bg-white ring-slate-300 hover:bg-slate-50",
            )}
          >
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="sr-only" />
            {option.icon}
            <span className="min-w-0">
              <span className="block text-sm font-medium text-slate-900">{option.label}</span>
              {option.description && <span className="mt-0.5 block text-xs text-slate-500">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
