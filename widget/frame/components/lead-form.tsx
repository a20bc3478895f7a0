/** @jsxImportSource preact */
import type { ComponentChildren, Ref } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { WIDGET_LIMITS } from "../../../lib/widget/protocol";
import type { TLeadResult } from "../chat-client";
import { formatWait, type TStringKey, type TTranslate } from "../i18n";
import { validateForm, type TFieldProblem, type TFormField, type TFormValues, type TLeadError } from "../lead-rules";

type TLeadFormProps = {
  /** Prefix of the element ids, unique per form. */
  id: string;
  fields: TFormField[];
  t: TTranslate;
  intro: ComponentChildren;
  submitLabel: string;
  onSubmit: (values: TFormValues) => Promise<TLeadResult>;
  onCancel?: () => void;
  /** Gets the first field, for the panel's focus on opening. */
  firstFieldRef?: Ref<HTMLElement>;
};

type TProblem = TFieldProblem | "server";

const PROBLEM_KEYS: Record<TProblem, TStringKey> = {
  required: "form.error.required",
  email: "form.error.email",
  phone: "form.error.phone",
  choice: "form.error.choice",
  tooLong: "form.error.tooLong",
  server: "form.error.server",
};

const inputType = (type: TFormField["type"]): { type: "email" } | { type: "tel" } | { type: "text" } =>
  type === "email" ? { type: "email" } : type === "phone" ? { type: "tel" } : { type: "text" };
const AUTOCOMPLETE: Partial<Record<TFormField["type"], string>> = { email: "email", phone: "tel" };

function formError(error: TLeadError, t: TTranslate): string {
  if (error.code === "rate_limited") return t("form.rateLimited", { wait: formatWait(t, error.retryAfterSeconds ?? 60) });
  if (error.code === "unavailable") return t("form.unavailable");
  // The server's own words (they name the problem) after a sentence in the visitor's language.
  return error.message ? `${t("form.failed")} ${error.message}` : t("form.failed");
}

type TFieldProps = { field: TFormField; id: string; value: string; problem: TProblem | undefined; t: TTranslate; onInput: (value: string) => void; inputRef?: Ref<HTMLElement> };

function Field({ field, id, value, problem, t, onInput, inputRef }: TFieldProps) {
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field.key,
    required: field.required,
    "aria-invalid": problem ? ("true" as const) : undefined,
    "aria-describedby": problem ? errorId : undefined,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  const choice = field.type === "select" || field.type === "department";
  return (
    <div class="cw-field">
      <label for={id}>
        {field.label}
        {field.required && (
          <span class="cw-req" aria-hidden="true">
            {" *"}
          </span>
        )}
      </label>
      {choice ? (
        <select {...common} ref={inputRef as Ref<HTMLSelectElement>} class="cw-control" value={value}>
          <option value="">{t("form.choose")}</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : field.type === "textarea" ? (
        <textarea {...common} ref={inputRef as Ref<HTMLTextAreaElement>} class="cw-control" rows={4} value={value} />
      ) : (
        <input
          {...common}
          ref={inputRef as Ref<HTMLInputElement>}
          class="cw-control"
          {...inputType(field.type)}
          autoComplete={AUTOCOMPLETE[field.type] ?? (field.key === "name" ? "name" : "off")}
          value={value}
        />
      )}
      {problem && (
        <p id={errorId} class="cw-error">
          {t(PROBLEM_KEYS[problem], { max: WIDGET_LIMITS.leadFieldMaxChars })}
        </p>
      )}
    </div>
  );
}

/**
 * A form with native controls (keyboard and screen readers work as usual), checked on
 * submit; problems are shown under each field and the first one gets focus.
 */
export function LeadForm({ id, fields, t, intro, submitLabel, onSubmit, onCancel, firstFieldRef }: TLeadFormProps) {
  const [values, setValues] = useState<TFormValues>({});
  const [problems, setProblems] = useState<Partial<Record<string, TProblem>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldId = (key: string) => `${id}-${key}`;

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    const found = validateForm(fields, values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(t("form.invalid"));
      setAttempt((count) => count + 1);
      return;
    }
    setError(null);
    setSubmitting(true);
    const result = await onSubmit(values);
    // On success the parent replaces the form; only a refusal is shown here.
    if (result.ok) return;
    setSubmitting(false);
    setError(formError(result.error, t));
    if (result.error.field) {
      setProblems({ [result.error.field]: "server" });
      setAttempt((count) => count + 1);
    }
  };

  const change = (key: string, value: string) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    if (problems[key]) setProblems((previous) => ({ ...previous, [key]: undefined }));
  };

  return (
    <form ref={formRef} class="cw-form" noValidate onSubmit={submit} aria-busy={submitting ? "true" : undefined}>
      {intro}
      {fields.some((field) => field.required) && <p class="cw-hint">{t("form.requiredHint")}</p>}
      {error && (
        <p class="cw-form-error" role="alert">
          {error}
        </p>
      )}
      {fields.map((field, index) => (
        <Field
          key={field.key}
          field={field}
          id={fieldId(field.key)}
          value={values[field.key] ?? ""}
          problem={problems[field.key]}
          t={t}
          onInput={(value) => change(field.key, value)}
          inputRef={index === 0 ? firstFieldRef : undefined}
        />
      ))}
      <div class="cw-actions">
        {onCancel && (
          <button type="button" class="cw-btn" onClick={onCancel}>
            {t("leave.cancel")}
          </button>
        )}
        <button type="submit" class="cw-btn cw-btn-primary" aria-disabled={submitting ? "true" : undefined}>
          {submitting ? t("form.sending") : submitLabel}
        </button>
      </div>
    </form>
  );
}
