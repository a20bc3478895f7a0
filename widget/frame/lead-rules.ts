/**
 * The pre-chat and "leave a message" forms without the UI: which fields, client-side checks
 * that mirror the server's (lib/leads/validate-lead.ts) so most mistakes are caught before a
 * round trip, and the mapping of a refused `lead:submit` to the field it names.
 */
import { WIDGET_LIMITS, type TPreChatField, type TWidgetConfig } from "../../lib/widget/protocol";
import type { TLocale } from "../shared/i18n";

export type TFormField = {
  key: string;
  type: TPreChatField["type"];
  label: string;
  required: boolean;
  options: string[];
  /** A department field: the workspace's department behind each offered name (names without one are still valid answers). */
  departments?: { name: string; id: string }[];
  /** False when the answer is for `handoff:request` only (a department field the owner gave no names: the server would refuse them). */
  inLead?: false;
};

export type TFieldProblem = "required" | "email" | "phone" | "choice" | "tooLong";

export type TFormValues = Record<string, string>;

/** A refused submit as the form shows it: `field` when the server named one of ours. */
export type TLeadError = { code: string; message: string; retryAfterSeconds?: number; field?: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s\-/()]+$/;

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * A department field offers the names the owner listed, each matched (by name) to one of the
 * workspace's departments; without names, every department of the workspace.
 */
function departmentChoices(field: TPreChatField, departments: TWidgetConfig["departments"]): Pick<TFormField, "options" | "departments" | "inLead"> {
  if (field.options.length > 0) {
    const matched = field.options.flatMap((name) => {
      const department = departments.find((item) => sameName(item.name, name));
      return department ? [{ name, id: department.id }] : [];
    });
    return { options: field.options, departments: matched };
  }
  const unique = departments.filter((item, index) => departments.findIndex((other) => sameName(other.name, item.name)) === index);
  return { options: unique.map((item) => item.name), departments: unique.map(({ name, id }) => ({ name, id })), inLead: false };
}

export function preChatFormFields(config: TWidgetConfig, locale: TLocale): TFormField[] {
  return config.preChat.fields.map((field) => {
    const base = { key: field.key, type: field.type, label: field.label[locale], required: field.required, options: field.options };
    return field.type === "department" ? { ...base, ...departmentChoices(field, config.departments) } : base;
  });
}

/** The department chosen in the form, for `handoff:request`; undefined when none (or a name without a department). */
export function chosenDepartmentId(fields: TFormField[], values: TFormValues): string | undefined {
  for (const field of fields) {
    const value = (values[field.key] ?? "").trim();
    const id = value ? field.departments?.find((department) => department.name === value)?.id : undefined;
    if (id) return id;
  }
  return undefined;
}

/** The fixed "leave a message" form of the protocol: {name?, email, message}. */
export function messageFormFields(labels: { name: string; email: string; message: string }): TFormField[] {
  return [
    { key: "name", type: "text", label: labels.name, required: false, options: [] },
    { key: "email", type: "email", label: labels.email, required: true, options: [] },
    { key: "message", type: "textarea", label: labels.message, required: true, options: [] },
  ];
}

function problemOf(field: TFormField, value: string): TFieldProblem | null {
  const choice = field.type === "select" || field.type === "department";
  if (!value) return field.required ? (choice ? "choice" : "required") : null;
  if (value.length > WIDGET_LIMITS.leadFieldMaxChars) return "tooLong";
  if (field.type === "email" && !EMAIL.test(value)) return "email";
  const digits = value.replace(/\D/g, "").length;
  if (field.type === "phone" && (!PHONE.test(value) || digits < 6 || digits > 20)) return "phone";
  if (choice && !field.options.includes(value)) return "choice";
  return null;
}

/** Problems by field key, in field order; empty when the form may be sent. */
export function validateForm(fields: TFormField[], values: TFormValues): Record<string, TFieldProblem> {
  const problems: Record<string, TFieldProblem> = {};
  for (const field of fields) {
    const problem = problemOf(field, (values[field.key] ?? "").trim());
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

/** The `lead:submit` fields: trimmed, empty optional fields (and answers only for the handoff) left out. */
export function leadFields(fields: TFormField[], values: TFormValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const field of fields) {
    if (field.inLead === false) continue;
    const value = (values[field.key] ?? "").trim();
    if (value) result[field.key] = value;
  }
  return result;
}

/**
 * The field a refused ack names, if it is one of ours: `details.field` (AppError) or the
 * last path segment of the first `details.issues` entry (a zod error).
 */
export function readLeadError(error: unknown, fields: TFormField[]): TLeadError {
  const record = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const details = (typeof record.details === "object" && record.details !== null ? record.details : {}) as Record<string, unknown>;
  const issue = Array.isArray(details.issues) ? (details.issues[0] as Record<string, unknown> | undefined) : undefined;
  const named = typeof details.field === "string" ? details.field : typeof issue?.path === "string" ? issue.path.split(".").pop() : undefined;
  const field = fields.some((item) => item.key === named) ? named : undefined;
  const retryAfterSeconds = typeof record.retryAfterSeconds === "number" ? record.retryAfterSeconds : undefined;
  return {
    code: typeof record.code === "string" ? record.code : "internal",
    message: typeof record.message === "string" ? record.message.slice(0, 300) : "",
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    ...(field ? { field } : {}),
  };
}
