"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, useContext, useRef, useTransition, type FormEvent, type ReactNode } from "react";
import { Button, ButtonLink } from "./button";
import { cn } from "./cn";
import { Input, Select } from "./field";

/** Applies the form's current values (a select applies on change; text waits for submit). */
const ApplyContext = createContext<() => void>(() => undefined);

/**
 * A list's search and filters, kept in the query string: a filtered list can be bookmarked,
 * and export links built from the same parameters carry the same filters. A plain GET form,
 * so it also works before hydration; once hydrated, applying is a client navigation.
 * Empty fields are left out of the URL. `hash` keeps the view on one section of a longer page.
 */
export function FilterForm({
  active,
  submitLabel,
  resetLabel,
  ariaLabel,
  hash,
  className,
  actionsClassName,
  children,
}: {
  /** Whether any filter is set (shows the reset link). */
  active: boolean;
  submitLabel: string;
  resetLabel: string;
  ariaLabel?: string;
  hash?: string;
  /** Replaces the default layout (a column on phones, a wrapping row from lg). */
  className?: string;
  actionsClassName?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const suffix = hash ? `#${hash}` : "";

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) {
      if (typeof value === "string" && value.trim()) params.set(key, value.trim());
    }
    const qs = params.toString();
    start(() => router.push(`${pathname}${qs ? `?${qs}` : ""}${suffix}`, { scroll: !hash }));
  };

  return (
    <form
      ref={form}
      role="search"
      aria-label={ariaLabel}
      onSubmit={apply}
      className={className ?? "flex flex-col gap-3 border-b border-slate-200 px-5 py-4 lg:flex-row lg:flex-wrap lg:items-end"}
    >
      <ApplyContext.Provider value={apply}>{children}</ApplyContext.Provider>
      <div className={cn("flex gap-2", actionsClassName)}>
        <Button type="submit" variant="secondary" loading={pending}>
          {submitLabel}
        </Button>
        {active && (
          <ButtonLink href={`${pathname}${suffix}`} variant="ghost">
            {resetLabel}
          </ButtonLink>
        )}
      </div>
    </form>
  );
}

function FilterLabel({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <label className={cn("min-w-0 space-y-1.5", className)}>
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      {children}
    </label>
  );
}

export function FilterSearch({
  label,
  value,
  placeholder,
  maxLength,
  className,
}: {
  label: string;
  value?: string;
  placeholder?: string;
  maxLength: number;
  className?: string;
}) {
  return (
    <FilterLabel label={label} className={cn("flex-1", className)}>
      <Input type="search" name="q" defaultValue={value ?? ""} placeholder={placeholder} maxLength={maxLength} />
    </FilterLabel>
  );
}

/** A select whose first option ("all …") clears the filter; choosing applies at once. */
export function FilterSelect({
  name,
  label,
  allLabel,
  items,
  value,
  className,
  selectClassName = "lg:w-44",
}: {
  name: string;
  label: string;
  allLabel: string;
  items: readonly { value: string; label: string }[];
  value?: string;
  className?: string;
  selectClassName?: string;
}) {
  const apply = useContext(ApplyContext);
  return (
    <FilterLabel label={label} className={className}>
      <Select name={name} defaultValue={value ?? ""} onChange={() => apply()} className={selectClassName}>
        <option value="">{allLabel}</option>
        {items.map((item) => (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        ))}
      </Select>
    </FilterLabel>
  );
}

/** The from/to date pair (inclusive days, as YYYY-MM-DD). */
export function FilterDateRange({
  fromLabel,
  toLabel,
  from,
  to,
  inputClassName = "lg:w-40",
}: {
  fromLabel: string;
  toLabel: string;
  from?: string;
  to?: string;
  inputClassName?: string;
}) {
  return (
    <>
      <FilterLabel label={fromLabel}>
        <Input type="date" name="from" defaultValue={from ?? ""} className={inputClassName} />
      </FilterLabel>
      <FilterLabel label={toLabel}>
        <Input type="date" name="to" defaultValue={to ?? ""} className={inputClassName} />
      </FilterLabel>
    </>
  );
}
