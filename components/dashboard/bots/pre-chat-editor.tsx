"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { updatePreChatAction } from "@/app/dashboard/[workspace]/bots/[botId]/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ZPreChat, type TWidgetSettings } from "@/lib/bots/bot-settings";
import { Toggle } from "./choice";

export type TPreChat = TWidgetSettings["preChat"];
type TField = TPreChat["fields"][number];
type TFieldType = TField["type"];
/** A field as edited: options as typed (one per line); `autoKey` while the key still follows the German label. */
type TRow = { id: string; autoKey: boolean; key: string; type: TFieldType; label: TField["label"]; required: boolean; optionsText: string };
type TProblem = "labelRequired" | "labelTooLong" | "keyInvalid" | "keyDuplicate" | "optionsRequired" | "optionsTooMany" | "optionTooLong";

const MAX_FIELDS = 10;
const KEY_MAX = 40;
const TYPES: TFieldType[] = ["text", "email", "phone", "textarea", "select", "department"];
// What a new field is called, in the two languages visitors see (not the dashboard's language).
const STARTER_LABELS: Partial<Record<TFieldType, TField["label"]>> = {
  email: { de: "E-Mail", en: "Email" },
  phone: { de: "Telefon", en: "Phone" },
  department: { de: "Abteilung", en: "Department" },
};
type TNewField = Pick<TRow, "type" | "label"> & { key?: string; required?: boolean };
const PRESET: TNewField[] = [
  { key: "name", type: "text", label: { de: "Name", en: "Name" }, required: true },
  { key: "email", type: "email", label: { de: "E-Mail", en: "Email" }, required: true },
];

const isChoice = (type: TFieldType) => type === "select" || type === "department";
const optionsOf = (text: string) => [...new Set(text.split("\n").map((line) => line.trim()).filter(Boolean))];
const UMLAUTS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/** "Ihre Straße & Nr." → "ihre_strasse_nr": lowercase, digits and _, starting with a letter. */
function keyFromLabel(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c]!)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const key = /^[a-z]/.test(slug) ? slug : `feld_${slug}`;
  return key.slice(0, KEY_MAX).replace(/_+$/, "");
}

function uniqueKey(base: string, taken: string[]): string {
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base.slice(0, KEY_MAX - String(n).length - 1)}_${n}`;
  return key;
}

const toField = (row: TRow): TField => ({ key: row.key, type: row.type, label: row.label, required: row.required, options: isChoice(row.type) ? optionsOf(row.optionsText) : [] });
const toRow = (field: TField, id: string): TRow => ({ id, autoKey: false, key: field.key, type: field.type, label: field.label, required: field.required, optionsText: field.options.join("\n") });
const toPreChat = (enabled: boolean, rows: TRow[]): TPreChat => ({ enabled, fields: rows.map(toField) });

/** The server's rules (ZPreChat) per field, plus "a department list needs entries", keyed "index.part". */
function findProblems(preChat: TPreChat): Record<string, TProblem> {
  const problems: Record<string, TProblem> = {};
  const parsed = ZPreChat.safeParse(preChat);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [root, index, part, sub] = issue.path;
    if (root !== "fields" || typeof index !== "number") continue;
    if (part === "label") problems[`${index}.label.${String(sub)}`] = issue.code === "too_big" ? "labelTooLong" : "labelRequired";
    if (part === "key") problems[`${index}.key`] = "keyInvalid";
    if (part === "options") problems[`${index}.options`] = sub === undefined ? "optionsTooMany" : "optionTooLong";
  }
  preChat.fields.forEach((field, i) => {
    if (isChoice(field.type) && field.options.length === 0) problems[`${i}.options`] ??= "optionsRequired";
    if (preChat.fields.findIndex((other) => other.key === field.key) < i) problems[`${i}.key`] ??= "keyDuplicate";
  });
  return problems;
}

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/** The form visitors fill in before their first message; saved on its own, beside the widget design. */
export function PreChatEditor({ slug, botId, initial, onChange }: { slug: string; botId: string; initial: TPreChat; onChange: (preChat: TPreChat) => void }) {
  const t = useTranslations("dashboard.preChat");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [rows, setRows] = useState(() => initial.fields.map((field, i) => toRow(field, `f${i}`)));
  const [saved, setSaved] = useState(() => JSON.stringify(initial));
  const [newType, setNewType] = useState<TFieldType>("text");
  const [checked, setChecked] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const nextId = useRef(0);
  const current = toPreChat(enabled, rows);
  const problems = checked ? findProblems(current) : {};
  const dirty = JSON.stringify(current) !== saved;
  const full = rows.length >= MAX_FIELDS;
  const missingPreset = PRESET.filter((p) => !rows.some((r) => r.key === p.key || (p.type === "email" && r.type === "email")));

  const update = (nextEnabled: boolean, next: TRow[]) => {
    setEnabled(nextEnabled);
    setRows(next);
    onChange(toPreChat(nextEnabled, next));
  };
  const setRow = (id: string, patch: Partial<TRow>) =>
    update(
      enabled,
      rows.map((row) => {
        if (row.id !== id) return row;
        const next = { ...row, ...patch };
        const others = rows.filter((r) => r.id !== id).map((r) => r.key);
        return next.autoKey && patch.label ? { ...next, key: uniqueKey(keyFromLabel(next.label.de), others) } : next;
      }),
    );
  const newRow = (fields: TNewField, taken: string[]): TRow => ({
    id: `n${nextId.current++}`,
    autoKey: !fields.key,
    key: uniqueKey(fields.key ?? keyFromLabel(fields.label.de), taken),
    type: fields.type,
    label: fields.label,
    required: fields.required ?? false,
    optionsText: "",
  });
  const add = (additions: TNewField[]) => {
    const next = [...rows];
    for (const fields of additions.slice(0, MAX_FIELDS - rows.length)) next.push(newRow(fields, next.map((r) => r.key)));
    update(enabled, next);
    if (next.length > rows.length) focusSoon(`${next[rows.length]!.id}-de`);
  };
  const move = (from: number, to: number, control: "up" | "down") => {
    const next = [...rows];
    const [row] = next.splice(from, 1);
    next.splice(to, 0, row!);
    update(enabled, next);
    // Keep focus on the moved field's buttons; at the list's end, on the one still usable.
    const edge = (control === "up" && to === 0) || (control === "down" && to === next.length - 1);
    focusSoon(`${row!.id}-${edge ? (control === "up" ? "down" : "up") : control}`);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    update(enabled, next);
    focusSoon(next[index] ? `${next[index].id}-de` : next[index - 1] ? `${next[index - 1]!.id}-de` : "pc-add-type");
  };

  const save = () => {
    setServerError(null);
    setChecked(true);
    const [first] = Object.keys(findProblems(current)).sort((a, b) => parseInt(a) - parseInt(b));
    if (first) {
      const [index, part, lang] = first.split(".");
      return focusSoon(`${rows[Number(index)]!.id}-${lang ?? part}`);
    }
    start(async () => {
      const result = await updatePreChatAction(slug, { botId, preChat: current });
      if (!result.ok) return setServerError(result.error.message);
      const rowsNow = result.data.fields.map((field, i) => toRow(field, rows[i]?.id ?? `f${i}`));
      update(result.data.enabled, rowsNow);
      setSaved(JSON.stringify(result.data));
      setChecked(false);
      toast.show(t("saved"));
      router.refresh();
    });
  };

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-5">
        {serverError && <Alert tone="danger">{serverError}</Alert>}
        {Object.keys(problems).length > 0 && <Alert tone="danger">{t("invalid")}</Alert>}
        <Toggle id="pc-enabled" checked={enabled} onChange={(on) => update(on, rows)} label={t("enabled")} description={enabled && rows.length === 0 ? t("noFields") : t("enabledText")} />
        <div>
          <h3 className="text-sm font-medium text-slate-800">{t("fields")}</h3>
          <p className="mt-0.5 text-xs text-slate-500">{t("fieldsHint", { count: rows.length, max: MAX_FIELDS })}</p>
          {rows.length > 0 && (
            <ol className="mt-3 space-y-3">
              {rows.map((row, i) => (
                <FieldRow
                  key={row.id}
                  row={row}
                  n={i + 1}
                  last={i === rows.length - 1}
                  problem={(part) => problems[`${i}.${part}`] ?? null}
                  onChange={(patch) => setRow(row.id, patch)}
                  onMove={(to, control) => move(i, to, control)}
                  onRemove={() => remove(i)}
                />
              ))}
            </ol>
          )}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <Select id="pc-add-type" aria-label={t("addType")} className="w-auto" value={newType} disabled={full} onChange={(e) => setNewType(e.target.value as TFieldType)}>
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`types.${type}`)}
                </option>
              ))}
            </Select>
            <Button variant="secondary" disabled={full} onClick={() => add([{ type: newType, label: STARTER_LABELS[newType] ?? { de: "", en: "" } }])}>
              + {t("add")}
            </Button>
            <Button variant="ghost" disabled={full || missingPreset.length === 0} onClick={() => add(missingPreset)}>
              + {t("presetNameEmail")}
            </Button>
          </div>
        </div>
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
          {dirty && (
            <p className="text-sm text-slate-500" role="status">
              {t("unsaved")}
            </p>
          )}
          <Button loading={pending} onClick={save}>
            {t("save")}
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}

type TRowProps = {
  row: TRow;
  n: number;
  last: boolean;
  problem: (part: string) => TProblem | null;
  onChange: (patch: Partial<TRow>) => void;
  onMove: (to: number, control: "up" | "down") => void;
  onRemove: () => void;
};

function FieldRow({ row, n, last, problem, onChange, onMove, onRemove }: TRowProps) {
  const t = useTranslations("dashboard.preChat");
  const message = (part: string) => {
    const found = problem(part);
    return found ? t(`errors.${found}`) : null;
  };
  const keyError = message("key");
  const [advanced, setAdvanced] = useState(false);
  const id = row.id;
  return (
    <li className="rounded-lg p-4 ring-1 ring-slate-200">
      <fieldset aria-labelledby={`${id}-title`} className="space-y-4">
        <div className="flex items-center gap-1.5">
          <h4 id={`${id}-title`} className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">
            {t("field", { n, type: t(`types.${row.type}`) })}
          </h4>
          <Button id={`${id}-up`} variant="ghost" size="sm" className="px-2" aria-label={t("moveUp", { n })} disabled={n === 1} onClick={() => onMove(n - 2, "up")}>
            ↑
          </Button>
          <Button id={`${id}-down`} variant="ghost" size="sm" className="px-2" aria-label={t("moveDown", { n })} disabled={last} onClick={() => onMove(n, "down")}>
            ↓
          </Button>
          <Button variant="ghost" size="sm" className="px-2 text-red-600! hover:bg-red-50!" aria-label={t("remove", { n })} onClick={onRemove}>
            ✕
          </Button>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {(["de", "en"] as const).map((lang) => (
            <Field key={lang} id={`${id}-${lang}`} label={t(`label.${lang}`)} error={message(`label.${lang}`)}>
              <Input {...fieldAria(`${id}-${lang}`, message(`label.${lang}`))} maxLength={80} value={row.label[lang]} onChange={(e) => onChange({ label: { ...row.label, [lang]: e.target.value } })} />
            </Field>
          ))}
        </div>
        <label className="flex w-fit cursor-pointer items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4 rounded border-slate-300 text-brand-600" checked={row.required} onChange={(e) => onChange({ required: e.target.checked })} />
          {t("required")}
        </label>
        {isChoice(row.type) && (
          <Field id={`${id}-options`} label={t(row.type === "department" ? "departments" : "options")} hint={t("optionsHint")} error={message("options")}>
            <Textarea {...fieldAria(`${id}-options`, message("options"), true)} rows={4} value={row.optionsText} onChange={(e) => onChange({ optionsText: e.target.value })} />
          </Field>
        )}
        <details open={advanced || Boolean(keyError)} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
          <summary className="w-fit cursor-pointer text-sm text-slate-600 hover:text-slate-900">
            {t("advanced")} <span className="font-mono text-xs text-slate-500">· {row.key}</span>
          </summary>
          <Field id={`${id}-key`} label={t("key")} hint={t("keyHint")} error={keyError} className="mt-3 sm:max-w-sm">
            <Input
              {...fieldAria(`${id}-key`, keyError, true)}
              maxLength={KEY_MAX}
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
              value={row.key}
              onChange={(e) => onChange({ key: e.target.value.trim(), autoKey: false })}
            />
          </Field>
        </details>
      </fieldset>
    </li>
  );
}
