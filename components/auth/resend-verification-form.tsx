"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { DevMailboxLink } from "./dev-mailbox-link";
import { EmailField } from "./email-field";
import { emailProblem, useFormErrors } from "./use-form-errors";

/** Email field → a fresh verification link; the answer never says whether the account exists. */
export function ResendVerificationForm({ mailboxEnabled }: { mailboxEnabled: boolean }) {
  const t = useTranslations("auth.verify");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(["email"] as const, { formRef });
  const [pending, start] = useTransition();
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!errors.check({ email: emailProblem(email) })) return;
    start(errors.attempt(async () => {
      const result = await resendVerificationAction({ email });
      if (result.ok) setSentTo(result.data.email);
      else errors.fromAction(result.error);
    }));
  }

  if (sentTo) {
    return (
      <div>
        <Alert tone="success">{t.rich("resent", { email: sentTo, strong: (c) => <strong className="font-semibold">{c}</strong> })}</Alert>
        {mailboxEnabled && <DevMailboxLink />}
      </div>
    );
  }
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-4">
      {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
      <EmailField
        id="resend-email"
        label={t("resendLabel")}
        error={errors.fieldError("email")}
        value={email}
        onChange={(value) => {
          setEmail(value);
          errors.clearField("email");
        }}
      />
      <Button type="submit" variant="secondary" className="w-full" loading={pending}>
        {t("resendButton")}
      </Button>
    </form>
  );
}
