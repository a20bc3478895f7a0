/**
 * The pre-chat form part of the bot config, read as defensively as the rest
 * (widget/shared/config.ts): a malformed field is dropped, never shown half-working. Only the
 * frame needs it, so it stays out of the loader's bundle.
 */
import type { TPreChatField, TWidgetConfig } from "../../lib/widget/protocol";
import { readWidgetConfig } from "../shared/config";

const FIELD_TYPES: readonly TPreChatField["type"][] = ["text", "email", "phone", "textarea", "select", "department"];
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_FIELDS = 10;
const MAX_OPTIONS = 20;

type TRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is TRecord => typeof value === "object" && value !== null && !Array.isArray(value);
const label = (value: unknown) => (typeof value === "string" ? value.trim().slice(0, 80) : "");

function readField(raw: unknown): TPreChatField | null {
  if (!isRecord(raw) || typeof raw.key !== "string" || !KEY.test(raw.key)) return null;
  const type = raw.type as TPreChatField["type"];
  if (!FIELD_TYPES.includes(type)) return null;
  const labels = isRecord(raw.label) ? raw.label : {};
  const de = label(labels.de) || label(labels.en);
  const en = label(labels.en) || de;
  const options = Array.isArray(raw.options)
    ? [...new Set(raw.options.filter((option): option is string => typeof option === "string" && option.trim() !== "").map((option) => option.trim().slice(0, 80)))].slice(0, MAX_OPTIONS)
    : [];
  // A choice without choices cannot be answered.
  if (!de || ((type === "select" || type === "department") && options.length === 0)) return null;
  return { key: raw.key, type, label: { de, en }, required: raw.required === true, options: type === "select" || type === "department" ? options : [] };
}

export function readPreChat(raw: unknown): TWidgetConfig["preChat"] {
  const source = isRecord(raw) ? raw : {};
  const fields: TPreChatField[] = [];
  for (const item of Array.isArray(source.fields) ? source.fields : []) {
    const field = readField(item);
    if (field && fields.length < MAX_FIELDS && !fields.some((other) => other.key === field.key)) fields.push(field);
  }
  return { enabled: source.enabled === true && fields.length > 0, fields };
}

/** The whole config for the frame: the shared part plus the pre-chat form. */
export function readFrameConfig(raw: unknown): TWidgetConfig | null {
  const config = readWidgetConfig(raw);
  return config && { ...config, preChat: readPreChat(isRecord(raw) ? raw.preChat : null) };
}
