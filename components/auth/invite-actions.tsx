"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { acceptInvitationAction } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/feedback";
import { ActionButton, NavigatingButton } from "./action-buttons";
import { useFormErrors } from "./use-form-errors";

/** Accepts for the signed-in user; the action redirects to the workspace on success. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations("auth.invite");
  const router = useRouter();
  const errors = useFormErrors([] as const);
  return (
    <div className="space-y-3">
      {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
      <ActionButton
        run={errors.attempt(async () => {
          const result = await acceptInvitationAction({ token });
          if (result.ok) return;
          // Accepted, withdrawn or expired meanwhile: the page explains the new state.
          if (result.error.code === "gone" || result.error.code === "not_found") return router.refresh();
          errors.fromAction(result.error);
        })}
      >
        {t("accept")}
      </ActionButton>
    </div>
  );
}

export function SwitchAccountButton({ token }: { token: string }) {
  const t = useTranslations("auth.invite");
  return (
    <NavigatingButton navigate={() => signOut({ callbackUrl: `/invite/${encodeURIComponent(token)}` })}>
      {t("switchAccount")}
    </NavigatingButton>
  );
}
