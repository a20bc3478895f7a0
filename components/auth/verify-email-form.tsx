"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { verifyEmailAction } from "@/app/(auth)/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { AuthCard, LINK } from "./auth-card";
import { AlertIcon, CheckIcon, LinkBrokenIcon, MailIcon } from "./icons";
import { linkProblem, type TLinkProblem } from "./link-problem";
import { ResendVerificationForm } from "./resend-verification-form";
import { NETWORK_ERROR, useFormErrors } from "./use-form-errors";
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
  const [pending, start] = useTransition();
  const [screen, setScreen] = useState<TScreen>(token ? { kind: "confirm" } : { kind: "problem", problem: "invalid" });
  useHeadingFocus(HEADING, screen.kind);

  if (screen.kind === "done") {
    return (
      <AuthCard
        headingId={HEADING}
        tone="success"
        icon={<CheckIcon />}
        title={t("successTitle")}
        description={t.rich("successText", { email: screen.email, strong: (c) => <strong className="font-medium text-slate-900">{c}</strong> })}
      >
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
          problem !== "used" && (
            <Link href="/login" className={LINK}>
              {t("toLogin")}
            </Link>
          )
        }
      >
        {problem === "used" && (
          <ButtonLink href="/login" className="mb-6 w-full">
            {t("toLogin")}
          </ButtonLink>
        )}
        <div className={problem === "used" ? "border-t border-slate-200 pt-6" : undefined}>
          <ResendVerificationForm mailboxEnabled={mailboxEnabled} />
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard headingId={HEADING} icon={<MailIcon />} title={t("title")} description={t("text")}>
      {errors.formError && (
        <Alert tone="danger" className="mb-4">
          {errors.formError}
        </Alert>
      )}
      <Button
        className="w-full"
        size="lg"
        loading={pending}
        onClick={() =>
          start(async () => {
            try {
              const result = await verifyEmailAction({ token: token ?? "" });
              if (result.ok) return setScreen({ kind: "done", email: result.data.email });
              const problem = linkProblem(result.error);
              if (problem) setScreen({ kind: "problem", problem });
              else errors.fromAction(result.error);
            } catch {
              errors.fromAction(NETWORK_ERROR);
            }
          })
        }
      >
        {t("button")}
      </Button>
    </AuthCard>
  );
}
