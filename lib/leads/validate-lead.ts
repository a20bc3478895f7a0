import { z } from "zod";
import { AppError } from "../errors/app-error";
import { ZEmail } from "../validation/common";
import { WIDGET_LIMITS, type TLeadSubmit, type TPreChatField } from "../widget/protocol";

/**
 * Checks a widget's `lead:submit` payload against the bot's configuration and turns it into
 * the columns of a Lead. Pure: no database, so every rule is testable from inputs alone.
 * Every failure is AppError("validation_failed") naming the offending field, because the
 * widget shows the message next to that field.
 */
export const LEAD_SOURCES = ["prechat", "offline_form"] as const;
export type TLeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_LIMITS = { textMaxChars: 200, textareaMaxChars: WIDGET_LIMITS.leadFieldMaxChars, emailMaxChars: 254, phoneMaxChars: 40, maxFields: 20 } as const;

export const ZLeadSubmit = z.object({
  kind: z.enum(["prechat", "message"]),
  fields: z.record(z.string().max(40), z.string().max(WIDGET_LIMITS.leadFieldMaxChars)),
}) satisfies z.ZodType<TLeadSubmit>;

export type TValidatedLead = {
  source: TLeadSource;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  /** Every submitted value by key, cleaned. */
  fields: Record<string, string>;
};

type TFieldType = TPreChatField["type"];
type TFieldRule = Pick<TPreChatField, "key" | "type" | "required" | "options">;

/** The "leave a message" form has a fixed shape: {name?, email, message}. */
const MESSAGE_FORM: TFieldRule[] = [
  { key: "name", type: "text", required: false, options: [] },
  { key: "email", type: "email", required: true, options: [] },
  { key: "message", type: "textarea", required: true, options: [] },
];

const invalid = (field: string | undefined, message: string) =>
  new AppError("validation_failed", message, field === undefined ? {} : { details: { field } });

// Postgres text cannot hold NUL; other control characters have no business in a form.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LINE_BREAKS = /[\r\n\t]+/g;

function clean(value: string, type: TFieldType): string {
  const withoutControl = value.replace(CONTROL, "");
  const text = type === "textarea" ? withoutControl.replace(/\r\n?/g, "\n") : withoutControl.replace(LINE_BREAKS, " ");
  return text.trim();
}

const PHONE = /^\+?[\d\s\-/()]+$/;

/** Digits, an optional leading +, spaces, - / ( ) and 6 to 20 digits in all. */
export function isPlausiblePhone(value: string): boolean {
  if (value.length > LEAD_LIMITS.phoneMaxChars || !PHONE.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits >= 6 && digits <= 20;
}

function checkValue(rule: TFieldRule, value: string): string {
  switch (rule.type) {
    case "email": {
      const email = ZEmail.safeParse(value);
      if (!email.success) throw invalid(rule.key, "Enter a valid email address.");
      return email.data;
    }
    case "phone":
      if (!isPlausiblePhone(value)) throw invalid(rule.key, "Enter a valid phone number.");
      return value;
    case "select":
    case "department":
      if (!rule.options.includes(value)) throw invalid(rule.key, "Choose one of the offered options.");
      return value;
    case "textarea":
      if (value.length > LEAD_LIMITS.textareaMaxChars) throw invalid(rule.key, `At most ${LEAD_LIMITS.textareaMaxChars} characters.`);
      return value;
    case "text":
      if (value.length > LEAD_LIMITS.textMaxChars) throw invalid(rule.key, `At most ${LEAD_LIMITS.textMaxChars} characters.`);
      return value;
  }
}

function checkFields(rules: TFieldRule[], submitted: Record<string, string>): Record<string, string> {
  const known = new Map(rules.map((r) => [r.key, r]));
  for (const key of Object.keys(submitted)) {
    if (!known.has(key)) throw invalid(key, "Unknown field.");
  }
  const fields: Record<string, string> = {};
  for (const rule of rules) {
    const raw = submitted[rule.key];
    const value = raw === undefined ? "" : clean(raw, rule.type);
    // A department field without departments offers nothing to choose, so it cannot be required.
    const required = rule.required && !(rule.type === "department" && rule.options.length === 0);
    if (!value) {
      if (required) throw invalid(rule.key, "This field is required.");
      continue;
    }
    fields[rule.key] = checkValue(rule, value);
  }
  return fields;
}

function firstOf(rules: TFieldRule[], fields: Record<string, string>, match: (rule: TFieldRule) => boolean): string | null {
  for (const rule of rules) if (match(rule) && fields[rule.key]) return fields[rule.key]!;
  return null;
}

/** The contact columns: by type for email and phone, by key (then by type) for name and message. */
function extract(rules: TFieldRule[], fields: Record<string, string>) {
  return {
    name: firstOf(rules, fields, (r) => r.type === "text" && r.key === "name") ?? firstOf(rules, fields, (r) => r.type === "text" && r.key.includes("name")),
    email: firstOf(rules, fields, (r) => r.type === "email"),
    phone: firstOf(rules, fields, (r) => r.type === "phone"),
    message: firstOf(rules, fields, (r) => r.key === "message") ?? firstOf(rules, fields, (r) => r.type === "textarea"),
  };
}

/**
 * `preChatFields` is the bot's configured pre-chat form (already read through
 * readWidgetSettings); null when the bot has no enabled form.
 */
export function validateLead(payload: unknown, preChatFields: TPreChatField[] | null): TValidatedLead {
  const parsed = ZLeadSubmit.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "fields" && issue.path.length > 1 ? String(issue.path[1]) : issue?.path[0] !== undefined ? String(issue.path[0]) : undefined;
    throw invalid(field, issue?.message ?? "Invalid form.");
  }
  const { kind, fields: submitted } = parsed.data;
  if (Object.keys(submitted).length > LEAD_LIMITS.maxFields) throw invalid("fields", "Too many fields.");
  let rules: TFieldRule[];
  if (kind === "message") {
    rules = MESSAGE_FORM;
  } else {
    if (!preChatFields || preChatFields.length === 0) throw invalid("kind", "This chat has no pre-chat form.");
    rules = preChatFields;
  }
  const fields = checkFields(rules, submitted);
  return { source: kind === "message" ? "offline_form" : "prechat", ...extract(rules, fields), fields };
}
