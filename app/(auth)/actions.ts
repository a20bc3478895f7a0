"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { clientIp } from "@/lib/auth/auth-options";
import { getCurrentUser } from "@/lib/auth/current-user";
import { actionResult } from "@/lib/auth/next/action-result";
import { PASSWORD_MIN_LENGTH, ZPassword } from "@/lib/auth/password";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { signUp } from "@/lib/auth/sign-up";
import { resendVerification, verifyEmail } from "@/lib/auth/verify-email";
import { AppError } from "@/lib/errors/app-error";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "@/lib/i18n/locale";
import { acceptInvitation } from "@/lib/workspaces/accept-invitation";

/**
 * Server actions of the auth pages. Each one is a public endpoint: input is parsed here
 * with zod (messages are keys into auth.errors, the field is reported for the form),
 * then handed to the lib service, which validates again.
 */

const ZEmailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "emailRequired")
  .max(254, "emailTooLong")
  .pipe(z.email("emailInvalid"));

const ZNewPasswordField = z
  .string()
  .min(1, "passwordRequired")
  .min(PASSWORD_MIN_LENGTH, "passwordTooShort")
  .max(200, "passwordTooLong")
  .refine((v) => ZPassword.safeParse(v).success, "passwordWeak");

const ZToken = z.string().trim().min(1).max(200);

const ZSignUpForm = z.object({
  name: z.string().trim().min(1, "nameRequired").max(100, "nameTooLong"),
  email: ZEmailField,
  password: ZNewPasswordField,
  workspaceName: z
    .string()
    .trim()
    .max(60, "workspaceNameTooLong")
    .refine((v) => v === "" || v.length >= 2, "workspaceNameTooShort")
    .optional(),
  invitationToken: z.string().trim().max(200).optional(),
});

const ZEmailForm = z.object({ email: ZEmailField });
const ZTokenForm = z.object({ token: ZToken });
const ZResetForm = z.object({ token: ZToken, password: ZNewPasswordField, confirm: z.string().max(200) });
const ZLocaleForm = z.object({ locale: z.enum(["de", "en"]) });

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[0];
  throw new AppError("validation_failed", issue?.message ?? "generic", {
    details: typeof field === "string" ? { field } : undefined,
  });
}

async function requestMeta() {
  const locale = await getLocale();
  return { ip: clientIp(await headers()), locale: isLocale(locale) ? locale : DEFAULT_LOCALE };
}

export async function signUpAction(raw: z.input<typeof ZSignUpForm>) {
  return actionResult(async () => {
    const input = parse(ZSignUpForm, raw);
    const meta = await requestMeta();
    const result = await signUp(
      {
        name: input.name,
        email: input.email,
        password: input.password,
        workspaceName: input.workspaceName || undefined,
        invitationToken: input.invitationToken || undefined,
        locale: meta.locale,
      },
      { ip: meta.ip },
    );
    return { email: input.email, verified: result.verified, workspaceSlug: result.verified ? result.workspaceSlug : null };
  });
}

export async function resendVerificationAction(raw: { email: string }) {
  return actionResult(async () => {
    const { email } = parse(ZEmailForm, raw);
    await resendVerification(email, await requestMeta());
    return { email };
  });
}

/** Runs only when the person presses the button: mail scanners that prefetch links don't. */
export async function verifyEmailAction(raw: { token: string }) {
  return actionResult(async () => {
    const { token } = parse(ZTokenForm, raw);
    const user = await verifyEmail(token);
    return { email: user.email };
  });
}

export async function requestPasswordResetAction(raw: { email: string }) {
  return actionResult(async () => {
    const { email } = parse(ZEmailForm, raw);
    await requestPasswordReset(email, await requestMeta());
    return { email };
  });
}

export async function resetPasswordAction(raw: { token: string; password: string; confirm: string }) {
  return actionResult(async () => {
    const input = parse(ZResetForm, raw);
    if (input.password !== input.confirm) {
      throw new AppError("validation_failed", "passwordMismatch", { details: { field: "confirm" } });
    }
    const user = await resetPassword(input.token, input.password);
    return { email: user.email };
  });
}

/** The user comes from the session, never from the client; on success the redirect passes through. */
export async function acceptInvitationAction(raw: { token: string }) {
  return actionResult(async () => {
    const { token } = parse(ZTokenForm, raw);
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Please sign in.");
    const { workspaceSlug } = await acceptInvitation(token, user);
    redirect(`/dashboard/${encodeURIComponent(workspaceSlug)}`);
  });
}

export async function setLocaleAction(raw: { locale: string }) {
  return actionResult(async () => {
    const { locale } = parse(ZLocaleForm, raw);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    return { locale };
  });
}
