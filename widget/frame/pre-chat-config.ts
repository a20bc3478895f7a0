/**
 * The pre-chat form part of the bot config (and the workspace's departments for its
 * department field), read as defensively as the rest (widget/shared/config.ts): a malformed
 * field is dropped, never shown half-working. Only the frame needs it, so it stays out of
 * the loader's bundle.
 */
import type { TPreChatField, TWidgetConfig } from "../../lib/widget/protocol";
import { readWidgetConfig } from "../shared/config";

const FIELD_TYPES: readonly TPreChatField["type"][] = ["text", "email", "phone", "textarea", "select", "department"];
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_FIELDS = 10;
const MAX_OPTIONS = 20;
const MAX_DEPARTMENTS = 50;
const DEPARTMENT_ID = /^[\w-]{1,64}$/;

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
  // A choice without choices cannot be answered; a department field may list the workspace's departments instead.
  if (!de || (type === "select" && options.length === 0)) return null;
  return { key: raw.key, type, label: { de, en }, required: raw.required === true, options: type === "select" || type === "department" ? options : [] };
}

export function readDepartments(raw: unknown): TWidgetConfig["departments"] {
  const departments: TWidgetConfig["departments"] = [];
  for (const item of Array.isArray(raw) ? raw : []) {
    if (!isRecord(item) || typeof item.id !== "string" || !DEPARTMENT_ID.test(item.id)) continue;
    const name = label(item.name);
    if (name && departments.length < MAX_DEPARTMENTS && !departments.some((other) => other.id === item.id)) departments.push({ id: item.id, name });
  }
  return departments;
}

/** A department field with neither the owner's names nor any department offers nothing and is left out. */
export function readPreChat(raw: unknown, departments: TWidgetConfig["departments"] = []): TWidgetConfig["preChat"] {
  const source = isRecord(raw) ? raw : {};
  const fields: TPreChatField[] = [];
  for (const item of Array.isArray(source.fields) ? source.fields : []) {
    const field = readField(item);
    if (!field || (field.type === "department" && field.options.length === 0 && departments.length === 0)) continue;
    if (fields.length < MAX_FIELDS && !fields.some((other) => other.key === field.key)) fields.push(field);
  }
  return { enabled: source.enabled === true && fields.length > 0, fields };
}

/** The whole config for the frame: the shared part plus the pre-chat form and the departments. */
export function readFrameConfig(raw: unknown): TWidgetConfig | null {
  const config = readWidgetConfig(raw);
  if (!config || !isRecord(raw)) return config;
  const departments = readDepartments(raw.departments);
  return { ...config, preChat: readPreChat(raw.preChat, departments), departments };
}
