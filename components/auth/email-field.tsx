"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field, fieldAria, Input } from "@/components/ui/field";

/** The email address field of every auth form: label, hint and error wired to the input. */
export function EmailField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  autoComplete = "email",
  autoFocus,
  maxLength,
}: {
  id: string;
  /** Defaults to the plain "Email" label. */
  label?: ReactNode;
  hint?: ReactNode;
  error: string | null;
  value: string;
  onChange: (value: string) => void;
  /** "username" on the login form, so password managers pair it with the password. */
  autoComplete?: "email" | "username";
  autoFocus?: boolean;
  maxLength?: number;
}) {
  const tf = useTranslations("auth.fields");
  return (
    <Field id={id} label={label ?? tf("email")} error={error} hint={hint}>
      <Input
        {...fieldAria(id, error, Boolean(hint))}
        name="email"
        type="email"
        inputMode="email"
        autoComplete={autoComplete}
        autoCapitalize="none"
        spellCheck={false}
        placeholder={tf("emailPlaceholder")}
        maxLength={maxLength}
        required
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
