"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { resendVerificationAction, signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input } from "@/components/ui/field";
import { isLocale, marketingPath } from "@/lib/i18n/locale";
import { AuthCard, LINK, strong } from "./auth-card";
import { DevMailboxLink } from "./dev-mailbox-link";
import { EmailField } from "./email-field";
import { GoogleButton, OrDivider } from "./google-button";
import { MailIcon } from "./icons";
import { PasswordInput, PasswordRuleHint } from "./password-input";
import { SuccessCard } from "./result-cards";
import { emailProblem, NETWORK_ERROR, newPasswordProblem, useFormErrors } from "./use-form-errors";
import { useHeadingFocus } from "./use-heading-focus";

type TInvitation = { token: string; workspaceName: string; email: string };
type TScreen = { kind: "form" } | { kind: "checkInbox"; email: string } | { kind: "ready"; email: string; workspaceSlug: string };

/** Login link that keeps the invitation flow going: back to /invite/<token> after signing in. */
function loginHref(email: string, invitation: TInvitation | null) {
  const params = new URLSearchParams();
  if (invitation) params.set("callbackUrl", `/invite/${encodeURIComponent(invitation.token)}`);
  if (email) params.set("email", email);
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}

const FIELDS = ["name", "email", "password", "workspaceName"] as const;
const HEADING = "signup-heading";

export function SignUpForm({
  invitation,
  initialEmail,
  passwordMinLength,
  googleEnabled,
  mailboxEnabled,
}: {
  invitation: TInvitation | null;
  initialEmail: string;
  passwordMinLength: number;
  googleEnabled: boolean;
  mailboxEnabled: boolean;
}) {
  const t = useTranslations("auth.signup");
  const tg = useTranslations("auth.google");
  const [screen, setScreen] = useState<TScreen>({ kind: "form" });
  useHeadingFocus(HEADING, screen.kind);

  if (screen.kind === "checkInbox") {
    return <CheckInbox email={screen.email} mailboxEnabled={mailboxEnabled} onRestart={() => setScreen({ kind: "form" })} />;
  }
  if (screen.kind === "ready") {
    const callbackUrl = `/dashboard/${encodeURIComponent(screen.workspaceSlug)}`;
    return (
      <SuccessCard
        headingId={HEADING}
        title={t("readyTitle")}
        description={t.rich("readyText", { email: screen.email, strong })}
        href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}&email=${encodeURIComponent(screen.email)}`}
        action={t("readyButton")}
      />
    );
  }
  return (
    <AuthCard
      headingId={HEADING}
      title={invitation ? t("invitationTitle") : t("title")}
      description={invitation ? t("invitationSubtitle", { workspace: invitation.workspaceName }) : t("subtitle")}
      footer={
        <>
          {t("haveAccount")}{" "}
          <Link href={loginHref("", invitation)} className={LINK}>
            {t("signIn")}
          </Link>
        </>
      }
    >
      {googleEnabled && !invitation && (
        <>
          <GoogleButton label={tg("signUp")} callbackUrl="/dashboard" />
          <OrDivider label={tg("or")} />
        </>
      )}
      <SignUpFields
        invitation={invitation}
        initialEmail={initialEmail}
        passwordMinLength={passwordMinLength}
        onDone={(result) =>
          setScreen(
            result.verified && result.workspaceSlug
              ? { kind: "ready", email: result.email, workspaceSlug: result.workspaceSlug }
              : { kind: "checkInbox", email: result.email },
          )
        }
      />
    </AuthCard>
  );
}

function SignUpFields({
  invitation,
  initialEmail,
  passwordMinLength,
  onDone,
}: {
  invitation: TInvitation | null;
  initialEmail: string;
  passwordMinLength: number;
  onDone: (result: { email: string; verified: boolean; workspaceSlug: string | null }) => void;
}) {
  const t = useTranslations("auth.signup");
  const tf = useTranslations("auth.fields");
  const locale = useLocale();
  const legalLocale = isLocale(locale) ? locale : "de";
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(FIELDS, { formRef, passwordMinLength });
  const [pending, start] = useTransition();
  const [values, setValues] = useState({ name: "", email: initialEmail, password: "", workspaceName: "" });
  const [emailTaken, setEmailTaken] = useState<string | null>(null);

  const update = (field: (typeof FIELDS)[number], value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    errors.clearField(field);
    if (field === "email") setEmailTaken(null);
  };
  const set = (field: (typeof FIELDS)[number]) => (e: { target: { value: string } }) => update(field, e.target.value);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setEmailTaken(null);
    const ok = errors.check({
      name: values.name.trim() ? null : "nameRequired",
      email: emailProblem(values.email),
      password: newPasswordProblem(values.password, passwordMinLength),
      workspaceName: values.workspaceName.trim().length === 1 ? "workspaceNameTooShort" : null,
    });
    if (!ok) return;
    start(errors.attempt(async () => {
      const result = await signUpAction({
        ...values,
        workspaceName: invitation ? undefined : values.workspaceName,
        invitationToken: invitation?.token,
      });
      if (result.ok) return onDone(result.data);
      if (result.error.code === "conflict") {
        setEmailTaken(values.email.trim());
        errors.show({ fields: { email: t("emailTaken") } });
        return;
      }
      errors.fromAction(result.error);
    }));
  }

  const err = errors.fieldError;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
      {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
      <Field id="signup-name" label={tf("name")} error={err("name")}>
        <Input
          {...fieldAria("signup-name", err("name"))}
          name="name"
          autoComplete="name"
          placeholder={tf("namePlaceholder")}
          maxLength={100}
          required
          autoFocus
          value={values.name}
          onChange={set("name")}
        />
      </Field>
      <div>
        <EmailField
          id="signup-email"
          error={err("email")}
          hint={invitation ? t("invitationEmailHint") : undefined}
          maxLength={254}
          value={values.email}
          onChange={(value) => update("email", value)}
        />
        {emailTaken && err("email") && (
          <p className="mt-1 text-xs text-slate-600">
            {t.rich("emailTakenActions", {
              login: (c) => (
                <Link href={loginHref(emailTaken, invitation)} className={LINK}>
                  {c}
                </Link>
              ),
              reset: (c) => (
                <Link href={`/forgot-password?email=${encodeURIComponent(emailTaken)}`} className={LINK}>
                  {c}
                </Link>
              ),
            })}
          </p>
        )}
      </div>
      <Field
        id="signup-password"
        label={tf("password")}
        error={err("password")}
        hint={<PasswordRuleHint password={values.password} min={passwordMinLength} />}
      >
        <PasswordInput
          {...fieldAria("signup-password", err("password"), true)}
          name="password"
          autoComplete="new-password"
          maxLength={200}
          required
          value={values.password}
          onChange={set("password")}
        />
      </Field>
      {!invitation && (
        <Field
          id="signup-workspace"
          label={
            <>
              {tf("workspaceName")} <span className="font-normal text-slate-500">({tf("optional")})</span>
            </>
          }
          hint={tf("workspaceNameHint")}
          error={err("workspaceName")}
        >
          <Input
            {...fieldAria("signup-workspace", err("workspaceName"), true)}
            name="workspaceName"
            autoComplete="organization"
            maxLength={60}
            value={values.workspaceName}
            onChange={set("workspaceName")}
          />
        </Field>
      )}
      <Button type="submit" className="w-full" loading={pending}>
        {t("submit")}
      </Button>
      <p className="text-center text-xs leading-5 text-slate-500">
        {t.rich("legal", {
          terms: (c) => (
            <Link href={marketingPath("terms", legalLocale)} className="underline underline-offset-2 hover:text-slate-700">
              {c}
            </Link>
          ),
          privacy: (c) => (
            <Link href={marketingPath("privacy", legalLocale)} className="underline underline-offset-2 hover:text-slate-700">
              {c}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}

function CheckInbox({ email, mailboxEnabled, onRestart }: { email: string; mailboxEnabled: boolean; onRestart: () => void }) {
  const t = useTranslations("auth.signup");
  const errors = useFormErrors([] as const);
  const [pending, start] = useTransition();
  const [resent, setResent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <AuthCard
      headingId={HEADING}
      icon={<MailIcon />}
      title={t("checkInboxTitle")}
      description={t.rich("checkInboxText", { email, strong })}
      footer={t.rich("wrongEmail", {
        link: (c) => (
          <button type="button" onClick={onRestart} className={LINK}>
            {c}
          </button>
        ),
      })}
    >
      <p className="text-center text-sm text-slate-500">{t("checkInboxValidity")}</p>
      <div className="mt-5">
        {resent ? (
          <Alert tone="success">{t("resent")}</Alert>
        ) : (
          <Button
            variant="secondary"
            className="w-full"
            loading={pending}
            onClick={() =>
              start(async () => {
                try {
                  const result = await resendVerificationAction({ email });
                  if (result.ok) setResent(true);
                  else setFailure(errors.text(result.error));
                } catch {
                  setFailure(errors.text(NETWORK_ERROR));
                }
              })
            }
          >
            {t("resend")}
          </Button>
        )}
        {failure && !resent && (
          <Alert tone="danger" className="mt-3">
            {failure}
          </Alert>
        )}
      </div>
      {mailboxEnabled && <DevMailboxLink />}
    </AuthCard>
  );
}
