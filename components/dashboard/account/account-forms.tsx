"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changePasswordAction, deleteAccountAction, signOutEverywhereAction, updateProfileAction } from "@/app/dashboard/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

type TErr = { message: string; field?: string } | null;

export function ProfileForm({ initial }: { initial: { name: string; locale: "de" | "en" } }) {
  const t = useTranslations("dashboard.account");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<TErr>(null);
  return (
    <form
      className="grid gap-5 px-5 py-5 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await updateProfileAction(values);
          if (!result.ok) return setError(result.error);
          setError(null);
          toast.show(t("saved"));
          router.refresh();
        });
      }}
    >
      <Field id="profile-name" label={t("name")} error={error?.field === "name" ? error.message : null}>
        <Input {...fieldAria("profile-name", error?.field === "name" ? error.message : null)} required maxLength={100} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} autoComplete="name" />
      </Field>
      <Field id="profile-locale" label={t("language")}>
        <Select id="profile-locale" value={values.locale} onChange={(e) => setValues({ ...values, locale: e.target.value as "de" | "en" })}>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </Select>
      </Field>
      <div className="flex justify-end sm:col-span-2">
        <Button type="submit" loading={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const t = useTranslations("dashboard.account");
  const [pending, start] = useTransition();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<TErr>(null);
  const err = (f: string) => (error?.field === f ? error.message : null);
  return (
    <form
      className="grid gap-5 px-5 py-5 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (next !== confirm) return setError({ message: t("mismatch"), field: "confirm" });
        start(async () => {
          const result = await changePasswordAction({ currentPassword: current, newPassword: next });
          if (!result.ok) return setError(result.error.field === "newPassword" || result.error.field === "currentPassword" ? result.error : { ...result.error, field: result.error.field ?? "general" });
          await signOut({ callbackUrl: "/login?passwordChanged=1" });
        });
      }}
    >
      {error?.field === "general" && <Alert tone="danger" className="sm:col-span-2">{error.message}</Alert>}
      {hasPassword && (
        <Field id="pw-current" label={t("currentPassword")} error={err("currentPassword")} className="sm:col-span-2 sm:max-w-sm">
          <Input {...fieldAria("pw-current", err("currentPassword"))} type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
      )}
      <Field id="pw-new" label={t("newPassword")} hint={t("passwordRule")} error={err("newPassword")}>
        <Input {...fieldAria("pw-new", err("newPassword"), true)} type="password" required minLength={10} autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </Field>
      <Field id="pw-confirm" label={t("confirmPassword")} error={err("confirm")}>
        <Input {...fieldAria("pw-confirm", err("confirm"))} type="password" required autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </Field>
      <div className="flex items-center justify-between gap-4 sm:col-span-2">
        <p className="text-xs text-slate-500">{t("passwordSignsOut")}</p>
        <Button type="submit" loading={pending}>
          {t("updatePassword")}
        </Button>
      </div>
    </form>
  );
}

export function SessionsCard() {
  const t = useTranslations("dashboard.account");
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader
        title={t("sessions")}
        description={t("sessionsText")}
        actions={
          <Button
            variant="secondary"
            loading={pending}
            onClick={() =>
              start(async () => {
                await signOutEverywhereAction(undefined);
                await signOut({ callbackUrl: "/login" });
              })
            }
          >
            {t("signOutEverywhere")}
          </Button>
        }
      />
    </Card>
  );
}

export function DangerZone({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const t = useTranslations("dashboard.account");
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [confirmEmail, setConfirmEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<TErr>(null);
  return (
    <Card className="ring-red-200">
      <CardHeader
        title={t("deleteTitle")}
        description={t("deleteText")}
        actions={
          <Button variant="danger" onClick={() => setOpen(true)}>
            {t("deleteButton")}
          </Button>
        }
      />
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("deleteConfirmTitle")}
        description={t("deleteConfirmText")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" form="delete-account" variant="danger" loading={pending}>
              {t("deleteButton")}
            </Button>
          </>
        }
      >
        <form
          id="delete-account"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const result = await deleteAccountAction({ confirmEmail, password: hasPassword ? password : undefined });
              if (!result.ok) return setError(result.error);
              await signOut({ callbackUrl: "/" });
            });
          }}
        >
          {error && error.field !== "confirmEmail" && error.field !== "password" && <Alert tone="danger">{error.message}</Alert>}
          <Field id="del-email" label={t("typeEmail", { email })} error={error?.field === "confirmEmail" ? error.message : null}>
            <Input {...fieldAria("del-email", error?.field === "confirmEmail" ? error.message : null)} required autoComplete="off" value={confirmEmail} onChange={(e) => setConfirmEmail(e.target.value)} />
          </Field>
          {hasPassword && (
            <Field id="del-password" label={t("currentPassword")} error={error?.field === "password" ? error.message : null}>
              <Input {...fieldAria("del-password", error?.field === "password" ? error.message : null)} type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </Field>
          )}
        </form>
      </Dialog>
    </Card>
  );
}
