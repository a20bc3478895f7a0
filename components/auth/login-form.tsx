"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { fieldAria } from "@/components/ui/field";
import { LINK } from "./auth-card";
import { DevMailboxLink } from "./dev-mailbox-link";
import { EmailField } from "./email-field";
import { GoogleButton, OrDivider } from "./google-button";
import { PasswordInput } from "./password-input";
import { emailProblem, NETWORK_ERROR, useFormErrors } from "./use-form-errors";

type TNotice =
  | { kind: "unauthorized" | "rateLimited" | "generic" | "network" | "notVerified" }
  | { kind: "oauth"; key: string }
  | { kind: "passwordChanged" };

const OAUTH_KEYS = new Set(["unverified_local_account", "unverified_google_email", "google_profile"]);
const OAUTH_GENERIC = new Set(["OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "OAuthAccountNotLinked", "Callback", "AccessDenied"]);

/** next-auth sends its own error names to the login page; ours come from the Google sign-in callback. */
function initialNotice(error: string | null, passwordChanged: boolean): TNotice | null {
  if (error && OAUTH_KEYS.has(error)) return { kind: "oauth", key: error };
  if (error && OAUTH_GENERIC.has(error)) return { kind: "oauth", key: "oauth" };
  if (error) return { kind: "oauth", key: "other" };
  return passwordChanged ? { kind: "passwordChanged" } : null;
}

export function LoginForm({
  callbackUrl,
  initialEmail,
  error,
  passwordChanged,
  googleEnabled,
  mailboxEnabled,
}: {
  callbackUrl: string;
  initialEmail: string;
  error: string | null;
  passwordChanged: boolean;
  googleEnabled: boolean;
  mailboxEnabled: boolean;
}) {
  const t = useTranslations("auth.login");
  const tf = useTranslations("auth.fields");
  const tg = useTranslations("auth.google");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(["email", "password"] as const, { formRef });
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<TNotice | null>(() => initialNotice(error, passwordChanged));
  const [resend, setResend] = useState<{ state: "idle" | "pending" | "sent" | "failed"; message?: string }>({ state: "idle" });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!errors.check({ email: emailProblem(email), password: password ? null : "passwordRequired" })) return;
    errors.clear();
    setNotice(null);
    setResend({ state: "idle" });
    setPending(true);
    try {
      const result = await signIn("credentials", { redirect: false, email: email.trim(), password, callbackUrl });
      if (result?.ok && !result.error) {
        // A full navigation, so every server component sees the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      const code = result?.error;
      if (code === "unauthorized") {
        setNotice({ kind: "unauthorized" });
        const field = document.getElementById("login-password") as HTMLInputElement | null;
        field?.focus();
        field?.select();
      } else if (code === "email_not_verified") setNotice({ kind: "notVerified" });
      else if (code === "rate_limited") setNotice({ kind: "rateLimited" });
      else setNotice({ kind: "generic" });
    } catch {
      setNotice({ kind: "network" });
    }
    setPending(false);
  }

  async function sendNewLink() {
    setResend({ state: "pending" });
    try {
      const result = await resendVerificationAction({ email });
      setResend(result.ok ? { state: "sent" } : { state: "failed", message: errors.text(result.error) });
    } catch {
      setResend({ state: "failed", message: errors.text(NETWORK_ERROR) });
    }
  }

  const forgotHref = `/forgot-password${emailProblem(email) ? "" : `?email=${encodeURIComponent(email.trim())}`}`;
  const emailError = errors.fieldError("email");
  const passwordError = errors.fieldError("password");

  return (
    <div>
      {googleEnabled && (
        <>
          <GoogleButton label={tg("signIn")} callbackUrl={callbackUrl} />
          <OrDivider label={tg("or")} />
        </>
      )}
      <form ref={formRef} noValidate onSubmit={onSubmit} className="space-y-5">
        {notice && (
          <LoginNotice notice={notice}>
            {notice.kind === "notVerified" && (
              <div className="mt-3">
                {resend.state === "sent" ? (
                  <p className="font-medium text-emerald-800" role="status">
                    {t("newLinkSent", { email: email.trim() })}
                  </p>
                ) : (
                  <Button size="sm" variant="secondary" loading={resend.state === "pending"} onClick={sendNewLink}>
                    {t("sendNewLink")}
                  </Button>
                )}
                {resend.state === "failed" && (
                  <p role="alert" className="mt-2 font-medium text-red-700">
                    {resend.message}
                  </p>
                )}
                {resend.state === "sent" && mailboxEnabled && <DevMailboxLink />}
              </div>
            )}
          </LoginNotice>
        )}
        <EmailField
          id="login-email"
          error={emailError}
          autoComplete="username"
          autoFocus={!initialEmail}
          value={email}
          onChange={(value) => {
            setEmail(value);
            errors.clearField("email");
          }}
        />
        <div className="space-y-1.5">
          <div className="flex items-baseline justify-between gap-3">
            <label htmlFor="login-password" className="block text-sm font-medium text-slate-800">
              {tf("password")}
            </label>
            <Link href={forgotHref} className={`text-sm ${LINK}`}>
              {t("forgot")}
            </Link>
          </div>
          <PasswordInput
            {...fieldAria("login-password", passwordError)}
            name="password"
            autoComplete="current-password"
            required
            autoFocus={Boolean(initialEmail)}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              errors.clearField("password");
            }}
          />
          {passwordError && (
            <p id="login-password-error" role="alert" className="text-xs font-medium text-red-600">
              {passwordError}
            </p>
          )}
        </div>
        <Button type="submit" className="w-full" loading={pending}>
          {t("submit")}
        </Button>
      </form>
    </div>
  );
}

function LoginNotice({ notice, children }: { notice: TNotice; children?: ReactNode }) {
  const t = useTranslations("auth.login");
  const te = useTranslations("auth.errors");
  switch (notice.kind) {
    case "passwordChanged":
      return <Alert tone="success">{t("passwordChanged")}</Alert>;
    case "notVerified":
      return (
        <Alert tone="warning" title={t("notVerifiedTitle")}>
          <p>{t("notVerifiedText")}</p>
          {children}
        </Alert>
      );
    case "oauth":
      return <Alert tone="danger">{t(`googleErrors.${notice.key}`)}</Alert>;
    case "unauthorized":
      return <Alert tone="danger">{t("unauthorized")}</Alert>;
    case "rateLimited":
      return <Alert tone="danger">{t("rateLimited")}</Alert>;
    case "network":
      return <Alert tone="danger">{te("network")}</Alert>;
    default:
      return <Alert tone="danger">{te("generic")}</Alert>;
  }
}
