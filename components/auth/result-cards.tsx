import Link from "next/link";
import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { AuthCard, LINK } from "./auth-card";
import { AlertIcon, CheckIcon, LinkBrokenIcon } from "./icons";
import type { TLinkProblem } from "./link-problem";

/** The screen after a flow succeeded: a green check and one button onwards. */
export function SuccessCard({
  headingId,
  title,
  description,
  href,
  action,
}: {
  headingId: string;
  title: ReactNode;
  description: ReactNode;
  href: string;
  action: ReactNode;
}) {
  return (
    <AuthCard headingId={headingId} tone="success" icon={<CheckIcon />} title={title} description={description}>
      <ButtonLink href={href} className="w-full">
        {action}
      </ButtonLink>
    </AuthCard>
  );
}

/**
 * The screen for a one-time link that cannot be used: broken when unknown, a warning when
 * used or expired. Title and text are the `<problem>Title` / `<problem>Text` messages of
 * the flow's namespace; `loginLink` is the text of an optional link to the login page below.
 */
export function LinkProblemCard({
  headingId,
  problem,
  t,
  loginLink,
  children,
}: {
  headingId: string;
  problem: TLinkProblem;
  t: (key: `${TLinkProblem}${"Title" | "Text"}`) => string;
  loginLink?: ReactNode;
  children: ReactNode;
}) {
  return (
    <AuthCard
      headingId={headingId}
      tone={problem === "invalid" ? "danger" : "warning"}
      icon={problem === "invalid" ? <LinkBrokenIcon /> : <AlertIcon />}
      title={t(`${problem}Title`)}
      description={t(`${problem}Text`)}
      footer={
        loginLink && (
          <Link href="/login" className={LINK}>
            {loginLink}
          </Link>
        )
      }
    >
      {children}
    </AuthCard>
  );
}

/** Where a finished flow sends the person: the login form with the address filled in. */
export function loginWithEmailHref(email: string) {
  return `/login?email=${encodeURIComponent(email)}`;
}
