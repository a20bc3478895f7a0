"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createCannedResponseAction, updateCannedResponseAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TCannedScope } from "@/lib/canned/schemas";

export type TCannedDraft = { id?: string; scope: TCannedScope; departmentId: string; shortcut: string; title: string; text: string };

export function CannedFormDialog({
  slug,
  draft,
  onClose,
  isAdmin,
  departments,
}: {
  slug: string;
  draft: TCannedDraft | null;
  onClose: () => void;
  isAdmin: boolean;
  departments: { id: string; name: string }[];
}) {
  return (
    <Dialog open={draft !== null} onClose={onClose} title={<Title editing={Boolean(draft?.id)} />}>
      {draft && <CannedForm key={draft.id ?? "new"} slug={slug} draft={draft} onClose={onClose} isAdmin={isAdmin} departments={departments} />}
    </Dialog>
  );
}

function Title({ editing }: { editing: boolean }) {
  const t = useTranslations("dashboard.operators.canned");
  return <>{editing ? t("editTitle") : t("newTitle")}</>;
}

function CannedForm({ slug, draft, onClose, isAdmin, departments }: { slug: string; draft: TCannedDraft; onClose: () => void; isAdmin: boolean; departments: { id: string; name: string }[] }) {
  const t = useTranslations("dashboard.operators.canned");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState(draft);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const fieldError = (name: string) => (error?.field?.startsWith(name) ? error.message : null);
  const editing = Boolean(draft.id);
  const known = ["shortcut", "title", "text", "departmentId"];

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const result = draft.id
            ? await updateCannedResponseAction(slug, { cannedResponseId: draft.id, shortcut: values.shortcut, title: values.title, text: values.text })
            : await createCannedResponseAction(
                slug,
                values.scope === "department"
                  ? { scope: "department", departmentId: values.departmentId, shortcut: values.shortcut, title: values.title, text: values.text }
                  : { scope: values.scope, shortcut: values.shortcut, title: values.title, text: values.text },
              );
          if (!result.ok) return setError(result.error);
          toast.show(editing ? t("saved") : t("created"));
          onClose();
          router.refresh();
        });
      }}
    >
      {error && !known.some((f) => error.field?.startsWith(f)) && <Alert tone="danger">{error.message}</Alert>}
      {!editing && isAdmin && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="canned-scope" label={t("scopeLabel")}>
            <Select id="canned-scope" value={values.scope} onChange={(e) => setValues({ ...values, scope: e.target.value as TCannedScope })}>
              <option value="workspace">{t("scopes.workspace")}</option>
              <option value="department" disabled={departments.length === 0}>
                {t("scopes.department")}
              </option>
              <option value="operator">{t("scopes.operator")}</option>
            </Select>
          </Field>
          {values.scope === "department" && (
            <Field id="canned-department" label={t("department")} error={fieldError("departmentId")}>
              <Select {...fieldAria("canned-department", fieldError("departmentId"))} required value={values.departmentId} onChange={(e) => setValues({ ...values, departmentId: e.target.value })}>
                <option value="" disabled>
                  {t("chooseDepartment")}
                </option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
      )}
      {!isAdmin && !editing && <p className="text-sm text-slate-600">{t("personalHint")}</p>}
      <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <Field id="canned-shortcut" label={t("shortcut")} error={fieldError("shortcut")}>
          <div className="relative">
            <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-3 flex items-center font-mono text-sm text-slate-400">
              /
            </span>
            <Input
              {...fieldAria("canned-shortcut", fieldError("shortcut"), true)}
              required
              maxLength={30}
              pattern="[a-z0-9\-]{1,30}"
              autoCapitalize="none"
              spellCheck={false}
              className="pl-6 font-mono"
              value={values.shortcut}
              onChange={(e) => setValues({ ...values, shortcut: e.target.value.toLowerCase().replace(/\s+/g, "-").replace(/^\//, "") })}
            />
          </div>
        </Field>
        <Field id="canned-title" label={t("titleLabel")} error={fieldError("title")}>
          <Input {...fieldAria("canned-title", fieldError("title"))} required maxLength={100} value={values.title} onChange={(e) => setValues({ ...values, title: e.target.value })} />
        </Field>
      </div>
      <p id="canned-shortcut-hint" className="-mt-2 text-xs text-slate-500">
        {t("shortcutHint")}
      </p>
      <Field id="canned-text" label={t("text")} hint={t("textHint", { count: values.text.length })} error={fieldError("text")}>
        <Textarea {...fieldAria("canned-text", fieldError("text"), true)} required rows={6} maxLength={2000} value={values.text} onChange={(e) => setValues({ ...values, text: e.target.value })} />
      </Field>
      <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          {t("cancel")}
        </Button>
        <Button type="submit" loading={pending}>
          {editing ? t("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}
