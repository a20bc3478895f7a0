import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AuthCard, LINK } from "@/components/auth/auth-card";
import { AlertIcon, CheckIcon, LinkBrokenIcon } from "@/components/auth/icons";
import { AcceptInvitationButton, SwitchAccountButton } from "@/components/auth/invite-actions";
import { ButtonLink } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/feedback";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getInvitation, invitationState } from "@/lib/workspaces/accept-invitation";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.invite");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

const strong = (c: ReactNode) => <strong className="font-medium text-slate-900">{c}</strong>;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user, t, format] = await Promise.all([
    getInvitation(token),
    getCurrentUser(),
    getTranslations("auth.invite"),
    getFormatter(),
  ]);

  if (!invitation) {
    return (
      <AuthCard
        tone="danger"
        icon={<LinkBrokenIcon />}
        title={t("notFoundTitle")}
        description={t("notFoundText")}
        footer={
          <Link href={user ? "/dashboard" : "/login"} className={LINK}>
            {user ? t("toDashboard") : t("toLogin")}
          </Link>
        }
      />
    );
  }

  const state = invitationState(invitation);
  const workspace = invitation.workspace.name;
  const inviter = invitation.invitedBy?.name || invitation.invitedBy?.email || t("inviterFallback");
  const expires = format.dateTime(invitation.expiresAt, { dateStyle: "long", timeStyle: "short" });
  const invitePath = `/invite/${encodeURIComponent(token)}`;

  if (state === "accepted") {
    return (
      <AuthCard tone="success" icon={<CheckIcon />} title={t("acceptedTitle")} description={t("acceptedText", { workspace })}>
        <ButtonLink
          href={user ? "/dashboard" : `/login?callbackUrl=${encodeURIComponent(`/dashboard/${invitation.workspace.slug}`)}`}
          className="w-full"
        >
          {user ? t("toDashboard") : t("toLogin")}
        </ButtonLink>
      </AuthCard>
    );
  }
  if (state === "revoked" || state === "expired") {
    return (
      <AuthCard
        tone="warning"
        icon={<AlertIcon />}
        title={t(`${state}Title`)}
        description={t(`${state}Text`, { workspace, inviter, date: expires })}
        footer={
          <Link href={user ? "/dashboard" : "/login"} className={LINK}>
            {user ? t("toDashboard") : t("toLogin")}
          </Link>
        }
      />
    );
  }

  const sameEmail = user && user.email.toLowerCase() === invitation.email.toLowerCase();
  const initial = Array.from(workspace.trim())[0]?.toUpperCase() ?? "?";

  return (
    <AuthCard
      icon={<span className="text-lg font-semibold">{initial}</span>}
      title={t("title", { workspace })}
      description={t("text", { inviter })}
    >
      <dl className="divide-y divide-slate-100 rounded-lg bg-slate-50 text-sm ring-1 ring-slate-200 ring-inset">
        <Detail label={t("role")}>
          <Badge tone="brand">{t(`roles.${invitation.role}`)}</Badge>
          <span className="mt-1 block text-xs text-slate-500">{t(`roleHints.${invitation.role}`)}</span>
        </Detail>
        <Detail label={t("invitedBy")}>{inviter}</Detail>
        <Detail label={t("sentTo")}>
          <span className="[overflow-wrap:anywhere]">{invitation.email}</span>
        </Detail>
        <Detail label={t("expires")}>{expires}</Detail>
      </dl>

      <div className="mt-6">
        {sameEmail ? (
          <div className="space-y-3">
            <AcceptInvitationButton token={token} />
            <p className="text-center text-xs text-slate-500">{t.rich("signedInAs", { email: user.email, strong })}</p>
          </div>
        ) : user ? (
          <div className="space-y-4">
            <Alert tone="warning" title={t("wrongAccountTitle")}>
              {t.rich("wrongAccountText", { invited: invitation.email, current: user.email, strong: (c) => <strong className="font-semibold">{c}</strong> })}
            </Alert>
            <SwitchAccountButton token={token} />
          </div>
        ) : (
          <div className="space-y-3">
            <p className="text-center text-sm text-slate-600">{t.rich("anonymousText", { email: invitation.email, strong })}</p>
            <ButtonLink
              href={`/signup?invitation=${encodeURIComponent(token)}&email=${encodeURIComponent(invitation.email)}`}
              className="w-full"
            >
              {t("createAccount")}
            </ButtonLink>
            <ButtonLink
              href={`/login?callbackUrl=${encodeURIComponent(invitePath)}&email=${encodeURIComponent(invitation.email)}`}
              variant="secondary"
              className="w-full"
            >
              {t("haveAccount")}
            </ButtonLink>
          </div>
        )}
      </div>
    </AuthCard>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 px-4 py-3 sm:grid-cols-[8.5rem_1fr] sm:gap-3">
      <dt className="text-xs text-slate-500 sm:text-sm">{label}</dt>
      <dd className="min-w-0 font-medium text-slate-900">{children}</dd>
    </div>
  );
}
