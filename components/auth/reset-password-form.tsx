"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria } from "@/components/ui/field";
import { AuthCard, LINK } from "./auth-card";
import { AlertIcon, CheckIcon, KeyIcon, LinkBrokenIcon } from "./icons";
import { linkProblem, type TLinkProblem } from "./link-problem";
import { PasswordInput } from "./password-input";
import { NETWORK_ERROR, newPasswordProblem, useFormErrors } from "./use-form-errors";
import { useHeadingFocus } from "./use-heading-focus";

type TScreen = { kind: "form" } | { kind: "done"; email: string } | { kind: "problem"; problem: TLinkProblem };

const HEADING = "reset-heading";

export function ResetPasswordForm({ token, passwordMinLength }: { token: string | null; passwordMinLength: number }) {
  const t = useTranslations("auth.reset");
  const tf = useTranslations("auth.fields");
  const tForgot = useTranslations("auth.forgot");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(["password", "confirm"] as const, { formRef, passwordMinLength });
  const [pending, start] = useTransition();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [screen, setScreen] = useState<TScreen>(token ? { kind: "form" } : { kind: "problem", problem: "invalid" });
  useHeadingFocus(HEADING, screen.kind);

  if (screen.kind === "done") {
    return (
      <AuthCard headingId={HEADING} tone="success" icon={<CheckIcon />} title={t("successTitle")} description={t("successText")}>
        <ButtonLink href={`/login?email=${encodeURIComponent(screen.email)}`} className="w-full">
          {t("successButton")}
        </ButtonLink>
      </AuthCard>
    );
  }

  if (screen.kind === "problem") {
    const { problem } = screen;
    return (
      <AuthCard
        headingId={HEADING}
        tone={problem === "invalid" ? "danger" : "warning"}
        icon={problem === "invalid" ? <LinkBrokenIcon /> : <AlertIcon />}
        title={t(`${problem}Title`)}
        description={t(`${problem}Text`)}
        footer={
          <Link href="/login" className={LINK}>
            {tForgot("backToLogin")}
          </Link>
        }
      >
        <ButtonLink href="/forgot-password" className="w-full">
          {t("requestNew")}
        </ButtonLink>
      </AuthCard>
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = errors.check({
      password: newPasswordProblem(password, passwordMinLength),
      confirm: !confirm ? "passwordRequired" : confirm !== password ? "passwordMismatch" : null,
    });
    if (!ok) return;
    start(async () => {
      try {
        const result = await resetPasswordAction({ token: token ?? "", password, confirm });
        if (result.ok) return setScreen({ kind: "done", email: result.data.email });
        const problem = result.error.field ? null : linkProblem(result.error);
        if (problem) setScreen({ kind: "problem", problem });
        else errors.fromAction(result.error);
      } catch {
        errors.fromAction(NETWORK_ERROR);
      }
    });
  }

  const longEnough = password.length >= passwordMinLength;
  return (
    <AuthCard headingId={HEADING} icon={<KeyIcon />} title={t("title")} description={t("subtitle")}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
        <Field
          id="reset-password"
          label={tf("newPassword")}
          error={errors.fieldError("password")}
          hint={
            <span className={cn("inline-flex items-center gap-1 transition-colors", longEnough && "text-emerald-700")}>
              <CheckIcon className={cn("size-3.5", longEnough ? "opacity-100" : "opacity-40")} />
              {tf("passwordRule", { min: passwordMinLength })}
            </span>
          }
        >
          <PasswordInput
            {...fieldAria("reset-password", errors.fieldError("password"), true)}
            name="password"
            autoComplete="new-password"
            maxLength={200}
            required
            autoFocus
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              errors.clearField("password");
            }}
          />
        </Field>
        <Field id="reset-confirm" label={tf("confirmPassword")} error={errors.fieldError("confirm")}>
          <PasswordInput
            {...fieldAria("reset-confirm", errors.fieldError("confirm"))}
            name="confirm"
            autoComplete="new-password"
            maxLength={200}
            required
            value={confirm}
            onChange={(e) => {
              setConfirm(e.target.value);
              errors.clearField("confirm");
            }}
          />
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          {t("submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
