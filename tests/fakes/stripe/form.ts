import { invalid, missing } from "./errors";

/**
 * Form bodies as the SDK sends them (`a[b][0][c]=x`), decoded and checked against a schema per
 * endpoint: an unknown parameter, a wrong type or a missing required value is Stripe's 400.
 */

export type TForm = string | { [key: string]: TForm };
export type TFormHash = { [key: string]: TForm };

/** Decodes `a[b][0][c]=x&…` (what the SDK sends) into nested objects of strings. */
export function parseStripeForm(raw: string): TFormHash {
  const root: TFormHash = {};
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
      value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
    } catch {
      throw invalid("Invalid request: the body is not valid form encoding.");
    }
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalid(`Invalid parameter name: ${key}`, key);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node = root;
    path.forEach((raw, index) => {
      const segment = raw === "" ? String(Object.keys(node).length) : raw;
      const existing = node[segment];
      if (index === path.length - 1) {
        if (existing !== undefined) throw invalid(`Received the parameter ${key} more than once.`, key);
        node[segment] = value;
        return;
      }
      if (typeof existing === "string") throw invalid("Invalid hash", key);
      node = (node[segment] ??= {}) as TFormHash;
    });
  }
  return root;
}

/** The decoded form with index-keyed hashes (`a[0]`, `a[1]`) as arrays, for assertions. */
export function withArrays(form: TForm): unknown {
  if (typeof form === "string") return form;
  const keys = Object.keys(form);
  const values = keys.map((k) => withArrays(form[k]!));
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return values;
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

export type TSpec = { required?: boolean; emptyable?: boolean } & (
  | { kind: "string"; max?: number; enum?: readonly string[]; format?: "url" | "email" | "country" | "currency" }
  | { kind: "integer"; min?: number; max?: number }
  | { kind: "boolean" }
  | { kind: "metadata" }
  | { kind: "hash"; fields: Record<string, TSpec> }
  | { kind: "array"; of: TSpec; max?: number }
);

type TStringOptions = Omit<Extract<TSpec, { kind: "string" }>, "kind">;
export const str = (o: TStringOptions = {}): TSpec => ({ kind: "string", ...o });
export const int = (o: { min?: number; max?: number } = {}): TSpec => ({ kind: "integer", ...o });
export const bool = (): TSpec => ({ kind: "boolean" });
export const meta = (o: { emptyable?: boolean } = {}): TSpec => ({ kind: "metadata", ...o });
export const hash = (fields: Record<string, TSpec>, o: { emptyable?: boolean } = {}): TSpec => ({ kind: "hash", fields, ...o });
export const arr = (of: TSpec, o: { max?: number; emptyable?: boolean } = {}): TSpec => ({ kind: "array", of, ...o });
export const req = (spec: TSpec): TSpec => ({ ...spec, required: true });

const join = (param: string, key: string) => (param ? `${param}[${key}]` : key);
const CURRENCIES = new Set(["eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "czk", "huf"]);

function checkFormat(format: "url" | "email" | "country" | "currency", value: string, param: string): string {
  switch (format) {
    case "url": {
      let ok = false;
      try {
        ok = ["http:", "https:"].includes(new URL(value).protocol);
      } catch {
        ok = false;
      }
      if (!ok) throw invalid("Not a valid URL", param, "url_invalid");
      return value;
    }
    case "email":
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw invalid(`Invalid email address: ${value}`, param, "email_invalid");
      return value;
    case "country":
      if (!/^[A-Z]{2}$/.test(value)) throw invalid(`Country '${value}' is unknown. Use a two-letter ISO 3166-1 code such as 'DE'.`, param);
      return value;
    case "currency":
      if (!CURRENCIES.has(value.toLowerCase())) throw invalid(`Invalid currency: ${value}.`, param);
      return value.toLowerCase();
  }
}

function check(spec: TSpec, value: TForm, param: string): unknown {
  if (value === "" && spec.emptyable) return "";
  switch (spec.kind) {
    case "string": {
      if (typeof value !== "string") throw invalid(`Invalid string: ${param} must be a string, not a hash`, param);
      const max = spec.max ?? 5000;
      if (value.length > max) throw invalid(`Invalid string: ${param} must be at most ${max} characters`, param);
      if (spec.enum && !spec.enum.includes(value)) throw invalid(`Invalid ${param}: must be one of ${spec.enum.join(", ")}`, param);
      return spec.format ? checkFormat(spec.format, value, param) : value;
    }
    case "integer": {
      if (typeof value !== "string" || !/^-?\d{1,15}$/.test(value)) {
        throw invalid(`Invalid integer: ${typeof value === "string" ? value : "(hash)"}`, param, "parameter_invalid_integer");
      }
      const n = Number(value);
      if (spec.min !== undefined && n < spec.min) throw invalid(`This value must be greater than or equal to ${spec.min}.`, param);
      if (spec.max !== undefined && n > spec.max) throw invalid(`This value must be less than or equal to ${spec.max}.`, param);
      return n;
    }
    case "boolean":
      if (value !== "true" && value !== "false") throw invalid(`Invalid boolean: ${typeof value === "string" ? value : "(hash)"}`, param);
      return value === "true";
    case "metadata": {
      if (typeof value === "string") throw invalid("Invalid metadata: must be a hash of keys and values", param);
      const entries = Object.entries(value);
      if (entries.length > 50) throw invalid("Invalid metadata: at most 50 keys are allowed", param);
      for (const [k, v] of entries) {
        if (typeof v !== "string") throw invalid("Invalid metadata: values must be strings", join(param, k));
        if (k.length > 40) throw invalid("Invalid metadata: keys can have up to 40 characters", join(param, k));
        if (v.length > 500) throw invalid("Invalid metadata: values can have up to 500 characters", join(param, k));
      }
      return Object.fromEntries(entries);
    }
    case "hash": {
      if (typeof value === "string") throw invalid("Invalid hash", param);
      for (const key of Object.keys(value)) {
        if (!(key in spec.fields)) throw invalid(`Received unknown parameter: ${join(param, key)}`, join(param, key), "parameter_unknown");
      }
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(spec.fields)) {
        const v = value[key];
        if (v === undefined) {
          if (field.required) throw missing(join(param, key));
          continue;
        }
        out[key] = check(field, v, join(param, key));
      }
      return out;
    }
    case "array": {
      if (typeof value === "string") throw invalid("Invalid array", param);
      const keys = Object.keys(value);
      if (!keys.every((k, i) => k === String(i))) throw invalid("Invalid array", param);
      if (spec.max !== undefined && keys.length > spec.max) throw invalid(`${param} can have at most ${spec.max} items.`, param);
      return keys.map((k) => check(spec.of, value[k]!, `${param}[${k}]`));
    }
  }
}

export function validate<T>(spec: TSpec, form: TFormHash): T {
  return check(spec, form, "") as T;
}
