"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input } from "@/components/ui/field";
import { AuthCard, LINK } from "./auth-card";
import { DevMailboxLink } from "./dev-mailbox-link";
import { KeyIcon, MailIcon } from "./icons";
import { emailProblem, NETWORK_ERROR, useFormErrors } from "./use-form-errors";
import { useHeadingFocus } from "./use-heading-focus";

const HEADING = "forgot-heading";

/** The answer is the same whether or not an account exists for the address. */
export function ForgotPasswordForm({ initialEmail, mailboxEnabled }: { initialEmail: string; mailboxEnabled: boolean }) {
  const t = useTranslations("auth.forgot");
  const tf = useTranslations("auth.fields");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(["email"] as const, { formRef });
  const [pending, start] = useTransition();
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  useHeadingFocus(HEADING, sentTo ? "sent" : "form");

  const backToLogin = (
    <Link href="/login" className={LINK}>
      {t("backToLogin")}
    </Link>
  );

  if (sentTo) {
    return (
      <AuthCard
        headingId={HEADING}
        icon={<MailIcon />}
        title={t("sentTitle")}
        description={t.rich("sentText", { email: sentTo, strong: (c) => <strong className="font-medium text-slate-900">{c}</strong> })}
        footer={backToLogin}
      >
        <Button variant="secondary" className="w-full" onClick={() => setSentTo(null)}>
          {t("otherAddress")}
        </Button>
        {mailboxEnabled && <DevMailboxLink />}
      </AuthCard>
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!errors.check({ email: emailProblem(email) })) return;
    start(async () => {
      try {
        const result = await requestPasswordResetAction({ email });
        if (result.ok) setSentTo(result.data.email);
        else errors.fromAction(result.error);
      } catch {
        errors.fromAction(NETWORK_ERROR);
      }
    });
  }

  return (
    <AuthCard headingId={HEADING} icon={<KeyIcon />} title={t("title")} description={t("subtitle")} footer={backToLogin}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
        <Field id="forgot-email" label={tf("email")} error={errors.fieldError("email")}>
          <Input
            {...fieldAria("forgot-email", errors.fieldError("email"))}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={tf("emailPlaceholder")}
            required
            autoFocus
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              errors.clearField("email");
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
