"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState, type RefObject } from "react";
import type { TActionError } from "@/lib/auth/next/action-result";

type TErrorState<F extends string> = { fields: Partial<Record<F, string>>; form: string | null; seq: number };

/**
 * Field and form errors for an auth form. Errors from the server arrive as values
 * (`actionResult`); validation messages are keys into `auth.errors`. After every failed
 * submit, focus moves to the first invalid control.
 */
export function useFormErrors<F extends string>(
  fields: readonly F[],
  options: { formRef?: RefObject<HTMLFormElement | null>; passwordMinLength?: number } = {},
) {
  const { formRef, passwordMinLength = 10 } = options;
  const t = useTranslations("auth.errors");
  const [state, setState] = useState<TErrorState<F>>({ fields: {}, form: null, seq: 0 });

  useEffect(() => {
    if (state.seq === 0) return;
    formRef?.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.seq, formRef]);

  const text = useCallback(
    (error: Pick<TActionError, "code" | "message">) => {
      if (error.code === "rate_limited") return t("rateLimited");
      if (error.code === "network") return t("network");
      if (error.code === "validation_failed") return t.has(error.message) ? t(error.message, { min: passwordMinLength }) : error.message;
      return t("generic");
    },
    [t, passwordMinLength],
  );

  const show = useCallback(
    (next: { fields?: Partial<Record<F, string>>; form?: string | null }) =>
      setState((s) => ({ fields: next.fields ?? {}, form: next.form ?? null, seq: s.seq + 1 })),
    [],
  );

  /** Client-side checks: keys into auth.errors per field; returns true when all pass. */
  const check = useCallback(
    (keys: Partial<Record<F, string | null>>) => {
      const found = Object.fromEntries(
        Object.entries(keys)
          .filter(([, key]) => key)
          .map(([field, key]) => [field, t(key as string, { min: passwordMinLength })]),
      ) as Partial<Record<F, string>>;
      if (Object.keys(found).length === 0) return true;
      show({ fields: found });
      return false;
    },
    [show, t, passwordMinLength],
  );

  const fromAction = useCallback(
    (error: TActionError) => {
      const field = error.field as F | undefined;
      if (field && fields.includes(field)) show({ fields: { [field]: text(error) } as Partial<Record<F, string>> });
      else show({ form: text(error) });
    },
    [fields, show, text],
  );

  /** Wraps a server action call for a transition: a failed fetch shows the network error on the form. */
  const attempt = useCallback(
    (call: () => Promise<unknown>) => async () => {
      try {
        await call();
      } catch {
        fromAction(NETWORK_ERROR);
      }
    },
    [fromAction],
  );

  return {
    fieldError: (field: F) => state.fields[field] ?? null,
    formError: state.form,
    show,
    check,
    fromAction,
    attempt,
    text,
    clear: () => setState((s) => ({ fields: {}, form: null, seq: s.seq })),
    clearField: (field: F) =>
      setState((s) => (s.fields[field] ? { ...s, fields: { ...s.fields, [field]: undefined } } : s)),
  };
}

/** A failed fetch of a server action (offline, server restarting) as an error value. */
export const NETWORK_ERROR: TActionError = { code: "network", message: "network" };

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return "emailRequired";
  if (v.length > 254) return "emailTooLong";
  return EMAIL_SHAPE.test(v) ? null : "emailInvalid";
}

export function newPasswordProblem(value: string, min: number): string | null {
  if (!value) return "passwordRequired";
  if (value.length < min) return "passwordTooShort";
  if (value.length > 200) return "passwordTooLong";
  return null;
}
