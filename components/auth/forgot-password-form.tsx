"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { requestPasswordResetAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { AuthCard, LINK, strong } from "./auth-card";
import { DevMailboxLink } from "./dev-mailbox-link";
import { EmailField } from "./email-field";
import { KeyIcon, MailIcon } from "./icons";
import { emailProblem, useFormErrors } from "./use-form-errors";
import { useHeadingFocus } from "./use-heading-focus";

const HEADING = "forgot-heading";

/** The answer is the same whether or not an account exists for the address. */
export function ForgotPasswordForm({ initialEmail, mailboxEnabled }: { initialEmail: string; mailboxEnabled: boolean }) {
  const t = useTranslations("auth.forgot");
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
        description={t.rich("sentText", { email: sentTo, strong })}
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
    start(errors.attempt(async () => {
      const result = await requestPasswordResetAction({ email });
      if (result.ok) setSentTo(result.data.email);
      else errors.fromAction(result.error);
    }));
  }

  return (
    <AuthCard headingId={HEADING} icon={<KeyIcon />} title={t("title")} description={t("subtitle")} footer={backToLogin}>
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
        <EmailField
          id="forgot-email"
          error={errors.fieldError("email")}
          autoFocus
          value={email}
          onChange={(value) => {
            setEmail(value);
            errors.clearField("email");
          }}
        />
        <Button type="submit" className="w-full" loading={pending}>
          {t("submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
