"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { acceptInvitationAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { NETWORK_ERROR, useFormErrors } from "./use-form-errors";

/** Accepts for the signed-in user; the action redirects to the workspace on success. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations("auth.invite");
  const router = useRouter();
  const errors = useFormErrors([] as const);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      {errors.formError && <Alert tone="danger">{errors.formError}</Alert>}
      <Button
        className="w-full"
        size="lg"
        loading={pending}
        onClick={() =>
          start(async () => {
            try {
              const result = await acceptInvitationAction({ token });
              if (result.ok) return;
              // Accepted, withdrawn or expired meanwhile: the page explains the new state.
              if (result.error.code === "gone" || result.error.code === "not_found") return router.refresh();
              errors.fromAction(result.error);
            } catch {
              errors.fromAction(NETWORK_ERROR);
            }
          })
        }
      >
        {t("accept")}
      </Button>
    </div>
  );
}

export function SwitchAccountButton({ token }: { token: string }) {
  const t = useTranslations("auth.invite");
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      loading={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: `/invite/${encodeURIComponent(token)}` }).catch(() => setPending(false));
      }}
    >
      {t("switchAccount")}
    </Button>
  );
}
