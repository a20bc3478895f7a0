"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { LIVE_CHAT_LIMITS, type TOperatorSummary } from "@/lib/live-chat/protocol";
import type { TRefusal } from "./console-state";
import { refusalKey } from "./refusal";
import { STATUS_DOT } from "./status-menu";

export type TTransferTarget = { type: "operator"; userId: string } | { type: "department"; departmentId: string };

/** Hand the chat to a colleague (online only) or a department, with an internal note. */
export function TransferDialog({
  open, operators, departments, meId, onClose, onTransfer,
}: {
  open: boolean;
  operators: TOperatorSummary[];
  departments: { id: string; name: string }[];
  meId: string | null;
  onClose: () => void;
  onTransfer: (to: TTransferTarget, note: string) => Promise<TRefusal | null>;
}) {
  const t = useTranslations("dashboard.console.transfer");
  const tr = useTranslations("dashboard.console.refusals");
  const ts = useTranslations("dashboard.console.status");
  const noteId = useId();
  const [kind, setKind] = useState<"operator" | "department">("operator");
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<TRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const colleagues = operators.filter((o) => o.userId !== meId).sort((a, b) => Number(b.status === "online") - Number(a.status === "online") || a.name.localeCompare(b.name));

  const close = () => {
    setTarget(null);
    setNote("");
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!target) return;
    setBusy(true);
    const refusal = await onTransfer(kind === "operator" ? { type: "operator", userId: target } : { type: "department", departmentId: target }, note);
    setBusy(false);
    if (refusal) setError(refusal);
    else close();
  };

  const errorKey = error ? refusalKey(error) : null;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t("title")}
      description={t("description")}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t("cancel")}
          </Button>
          <Button onClick={() => void submit()} disabled={!target} loading={busy}>
            {t("submit")}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div className="inline-flex rounded-lg bg-slate-100 p-0.5 text-sm font-medium" role="group" aria-label={t("kind")}>
          {(["operator", "department"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={kind === value}
              onClick={() => {
                setKind(value);
                setTarget(null);
                setError(null);
              }}
              className={cn("rounded-md px-3 py-1.5", kind === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
            >
              {t(value)}
            </button>
          ))}
        </div>
        <fieldset>
          <legend className="sr-only">{t(kind === "operator" ? "chooseOperator" : "chooseDepartment")}</legend>
          <div className="max-h-64 space-y-1 overflow-y-auto">
            {kind === "operator" &&
              (colleagues.length === 0 ? (
                <p className="text-sm text-slate-500">{t("noColleagues")}</p>
              ) : (
                colleagues.map((o) => (
                  <label key={o.userId} className={cn("flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-inset", target === o.userId ? "bg-brand-50 ring-brand-300" : "ring-slate-200 hover:bg-slate-50", o.status !== "online" && "opacity-70")}>
                    <input type="radio" name="transfer-target" value={o.userId} checked={target === o.userId} onChange={() => setTarget(o.userId)} className="size-4 accent-brand-600" />
                    <span aria-hidden="true" className={cn("size-2.5 rounded-full", STATUS_DOT[o.status])} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-slate-900">{o.name}</span>
                      <span className="block text-xs text-slate-500">
                        {ts(o.status)} · {t("activeChats", { count: o.activeChats })}
                      </span>
                    </span>
                  </label>
                ))
              ))}
            {kind === "department" &&
              (departments.length === 0 ? (
                <p className="text-sm text-slate-500">{t("noDepartments")}</p>
              ) : (
                departments.map((d) => {
                  const online = operators.filter((o) => o.status === "online" && o.departmentIds.includes(d.id) && o.userId !== meId).length;
                  return (
                    <label key={d.id} className={cn("flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-inset", target === d.id ? "bg-brand-50 ring-brand-300" : "ring-slate-200 hover:bg-slate-50")}>
                      <input type="radio" name="transfer-target" value={d.id} checked={target === d.id} onChange={() => setTarget(d.id)} className="size-4 accent-brand-600" />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate text-sm font-medium text-slate-900">{d.name}</span>
                        <span className="block text-xs text-slate-500">{t("onlineInDepartment", { count: online })}</span>
                      </span>
                    </label>
                  );
                })
              ))}
          </div>
        </fieldset>
        <Field id={noteId} label={t("note")} hint={t("noteHint")}>
          <Textarea id={noteId} value={note} maxLength={LIVE_CHAT_LIMITS.transferNoteMaxChars} onChange={(e) => setNote(e.target.value)} className="min-h-20" />
        </Field>
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {errorKey ? tr(errorKey) : error.message}
            {errorKey && error.message && <span className="block text-xs text-red-700/80">{error.message}</span>}
          </p>
        )}
      </div>
    </Dialog>
  );
}
