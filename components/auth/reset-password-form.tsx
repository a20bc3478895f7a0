"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria } from "@/components/ui/field";
import { AuthCard } from "./auth-card";
import { KeyIcon } from "./icons";
import { linkProblem, type TLinkProblem } from "./link-problem";
import { PasswordInput, PasswordRuleHint } from "./password-input";
import { LinkProblemCard, loginWithEmailHref, SuccessCard } from "./result-cards";
import { newPasswordProblem, useFormErrors } from "./use-form-errors";
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
      <SuccessCard
        headingId={HEADING}
        title={t("successTitle")}
        description={t("successText")}
        href={loginWithEmailHref(screen.email)}
        action={t("successButton")}
      />
    );
  }

  if (screen.kind === "problem") {
    return (
      <LinkProblemCard headingId={HEADING} problem={screen.problem} t={t} loginLink={tForgot("backToLogin")}>
        <ButtonLink href="/forgot-password" className="w-full">
          {t("requestNew")}
        </ButtonLink>
      </LinkProblemCard>
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = errors.check({
      password: newPasswordProblem(password, passwordMinLength),
      confirm: !confirm ? "passwordRequired" : confirm !== password ? "passwordMismatch" : null,
    });
    if (!ok) return;
    start(errors.attempt(async () => {
      const result = await resetPasswordAction({ token: token ?? "", password, confirm });
      if (result.ok) return setScreen({ kind: "done", email: result.data.email });
      const problem = result.error.field ? null : linkProblem(result.error);
      if (problem) setScreen({ kind: "problem", problem });
      else errors.fromAction(result.error);
    }));
  }

  return (
    <AuthCard headingId={HEADING} icon={<KeyIcon />} title={t("title")} description={t("subtitle")}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
        <Field
          id="reset-password"
          label={tf("newPassword")}
          error={errors.fieldError("password")}
          hint={<PasswordRuleHint password={password} min={passwordMinLength} />}
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
