"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { verifyEmailAction } from "@/app/(auth)/actions";
import { ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { ActionButton } from "./action-buttons";
import { AuthCard, strong } from "./auth-card";
import { MailIcon } from "./icons";
import { linkProblem, type TLinkProblem } from "./link-problem";
import { ResendVerificationForm } from "./resend-verification-form";
import { LinkProblemCard, loginWithEmailHref, SuccessCard } from "./result-cards";
import { useFormErrors } from "./use-form-errors";
import { useHeadingFocus } from "./use-heading-focus";

type TScreen = { kind: "confirm" } | { kind: "done"; email: string } | { kind: "problem"; problem: TLinkProblem };

const HEADING = "verify-heading";

/**
 * Verification happens on a button press, not when the page loads: mail scanners open
 * links ahead of the recipient and would otherwise use the token up.
 */
export function VerifyEmailForm({ token, mailboxEnabled }: { token: string | null; mailboxEnabled: boolean }) {
  const t = useTranslations("auth.verify");
  const errors = useFormErrors([] as const);
  const [screen, setScreen] = useState<TScreen>(token ? { kind: "confirm" } : { kind: "problem", problem: "invalid" });
  useHeadingFocus(HEADING, screen.kind);

  if (screen.kind === "done") {
    return (
      <SuccessCard
        headingId={HEADING}
        title={t("successTitle")}
        description={t.rich("successText", { email: screen.email, strong })}
        href={loginWithEmailHref(screen.email)}
        action={t("successButton")}
      />
    );
  }

  if (screen.kind === "problem") {
    const { problem } = screen;
    return (
      <LinkProblemCard headingId={HEADING} problem={problem} t={t} loginLink={problem !== "used" && t("toLogin")}>
        {problem === "used" && (
          <ButtonLink href="/login" className="mb-6 w-full">
            {t("toLogin")}
          </ButtonLink>
        )}
        <div className={problem === "used" ? "border-t border-slate-200 pt-6" : undefined}>
          <ResendVerificationForm mailboxEnabled={mailboxEnabled} />
        </div>
      </LinkProblemCard>
    );
  }

  return (
    <AuthCard headingId={HEADING} icon={<MailIcon />} title={t("title")} description={t("text")}>
      {errors.formError && (
        <Alert tone="danger" className="mb-4">
          {errors.formError}
        </Alert>
      )}
      <ActionButton
        run={errors.attempt(async () => {
          const result = await verifyEmailAction({ token: token ?? "" });
          if (result.ok) return setScreen({ kind: "done", email: result.data.email });
          const problem = linkProblem(result.error);
          if (problem) setScreen({ kind: "problem", problem });
          else errors.fromAction(result.error);
        })}
      >
        {t("button")}
      </ActionButton>
    </AuthCard>
  );
}
