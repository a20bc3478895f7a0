"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createDepartmentAction, deleteDepartmentAction, updateDepartmentAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TBusinessHours } from "@/lib/departments/business-hours";
import { BusinessHoursEditor, intervalProblems, normalizeBusinessHours } from "./business-hours-editor";
import { ChipsInput } from "./chips-input";
import { OperatorAvatar } from "./operator-avatar";
import { Switch } from "./switch";

export type TDepartmentValues = {
  name: string;
  description: string;
  assignment: "round_robin" | "least_busy";
  businessHours: TBusinessHours | null;
  offlineMessage: string;
  sendTranscripts: boolean;
  transcriptEmails: string[];
  operatorUserIds: string[];
};

type TOperatorOption = { userId: string; name: string; email: string; avatarUrl: string | null };

export function DepartmentForm({
  slug,
  departmentId,
  initial,
  operators,
  timeZones,
  defaultTimeZone,
}: {
  slug: string;
  departmentId?: string;
  initial: TDepartmentValues;
  operators: TOperatorOption[];
  timeZones: string[];
  defaultTimeZone: string;
}) {
  const t = useTranslations("dashboard.operators.departmentForm");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const fieldError = (name: string) => (error?.field?.startsWith(name) ? error.message : null);
  const known = ["name", "description", "assignment", "businessHours", "offlineMessage", "transcriptEmails", "operatorUserIds"];
  const base = `/dashboard/${slug}/operators/departments`;
  const set = <K extends keyof TDepartmentValues>(key: K, value: TDepartmentValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = () => {
    setError(null);
    if (Object.keys(intervalProblems(values.businessHours)).length > 0) {
      setError({ field: "businessHours", message: t("hoursInvalid") });
      return;
    }
    const input = { ...values, businessHours: normalizeBusinessHours(values.businessHours) };
    start(async () => {
      const result = departmentId ? await updateDepartmentAction(slug, { ...input, departmentId }) : await createDepartmentAction(slug, input);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.show(departmentId ? t("saved") : t("created"));
      router.push(base);
      router.refresh();
    });
  };

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {error && !known.some((f) => error.field?.startsWith(f)) && <Alert tone="danger">{error.message}</Alert>}
      <Card>
        <CardHeader title={t("basicsTitle")} />
        <div className="space-y-5 px-5 py-5">
          <Field id="dept-name" label={t("name")} error={fieldError("name")}>
            <Input {...fieldAria("dept-name", fieldError("name"))} required maxLength={60} value={values.name} onChange={(e) => set("name", e.target.value)} />
          </Field>
          <Field id="dept-description" label={t("description")} hint={t("descriptionHint")} error={fieldError("description")}>
            <Textarea {...fieldAria("dept-description", fieldError("description"), true)} rows={2} maxLength={500} value={values.description} onChange={(e) => set("description", e.target.value)} />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t("assignment")}</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {(["least_busy", "round_robin"] as const).map((mode) => (
                <label
                  key={mode}
                  className="flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300"
                >
                  <input type="radio" name="assignment" value={mode} checked={values.assignment === mode} onChange={() => set("assignment", mode)} className="mt-0.5 size-4 text-brand-600 focus:ring-brand-500" />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{t(`assignments.${mode}`)}</span>
                    <span className="block text-xs text-slate-500">{t(`assignments.${mode}Hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("operatorsTitle")} description={t("operatorsHint")} />
        {operators.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">{t("noOperators")}</p>
        ) : (
          <fieldset className="px-5 py-4">
            <legend className="sr-only">{t("operatorsTitle")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {operators.map((o) => (
                <label key={o.userId} className="flex min-w-0 cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
                  <input
                    type="checkbox"
                    className="size-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                    checked={values.operatorUserIds.includes(o.userId)}
                    onChange={(e) => set("operatorUserIds", e.target.checked ? [...values.operatorUserIds, o.userId] : values.operatorUserIds.filter((id) => id !== o.userId))}
                  />
                  <OperatorAvatar name={o.name} url={o.avatarUrl} size="sm" />
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-medium text-slate-900">{o.name}</span>
                    <span className="block truncate text-xs text-slate-500">{o.email}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
      </Card>

      <Card>
        <CardHeader title={t("hoursTitle")} description={t("hoursHint")} />
        <div className="space-y-5 px-5 py-5">
          <BusinessHoursEditor
            value={values.businessHours}
            onChange={(hours) => set("businessHours", hours)}
            timeZones={timeZones}
            defaultTimeZone={defaultTimeZone}
            error={fieldError("businessHours")}
          />
          <Field id="dept-offline" label={t("offlineMessage")} hint={t("offlineMessageHint")} error={fieldError("offlineMessage")}>
            <Textarea
              {...fieldAria("dept-offline", fieldError("offlineMessage"), true)}
              rows={3}
              maxLength={1000}
              placeholder={t("offlineMessagePlaceholder")}
              value={values.offlineMessage}
              onChange={(e) => set("offlineMessage", e.target.value)}
            />
          </Field>
        </div>
      </Card>

      <Card>
        <CardHeader title={t("transcriptsTitle")} />
        <div className="space-y-4 px-5 py-5">
          <Switch id="dept-transcripts" checked={values.sendTranscripts} onChange={(v) => set("sendTranscripts", v)} label={t("sendTranscripts")} description={t("sendTranscriptsHint")} />
          <Field id="dept-emails" label={t("transcriptEmails")} hint={t("transcriptEmailsHint")} error={fieldError("transcriptEmails")}>
            <ChipsInput
              id="dept-emails"
              type="email"
              values={values.transcriptEmails}
              onChange={(v) => set("transcriptEmails", v)}
              max={10}
              maxLength={254}
              normalize={(v) => v.trim().toLowerCase()}
              placeholder="support@example.com"
              removeLabel={(v) => t("removeEmail", { email: v })}
              invalid={Boolean(fieldError("transcriptEmails"))}
              describedBy={fieldError("transcriptEmails") ? "dept-emails-error" : "dept-emails-hint"}
            />
          </Field>
        </div>
      </Card>

      {error && known.some((f) => error.field?.startsWith(f)) && (
        <p role="alert" className="text-sm font-medium text-red-600 sm:text-right">
          {t("fixFields")}
        </p>
      )}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        {departmentId ? (
          <Button variant="ghost" className="text-red-700! hover:bg-red-50" onClick={() => setConfirmDelete(true)}>
            {t("delete")}
          </Button>
        ) : (
          <span />
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button variant="secondary" onClick={() => router.push(base)}>
            {t("cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {departmentId ? t("save") : t("create")}
          </Button>
        </div>
      </div>

      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t("deleteTitle", { name: initial.name })}
        description={t("deleteText")}
        cancelLabel={t("cancel")}
        confirmLabel={t("delete")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!departmentId) return;
            const result = await deleteDepartmentAction(slug, { departmentId });
            setConfirmDelete(false);
            if (!result.ok) return toast.show(result.error.message, "error");
            toast.show(t("deleted"));
            router.push(base);
            router.refresh();
          })
        }
      />
    </form>
  );
}
