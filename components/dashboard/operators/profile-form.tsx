"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateOperatorProfileAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { Switch } from "./switch";

type TValues = { userId: string; displayName: string; signature: string; maxChats: number; sendTranscripts: boolean };

export function ProfileForm({ slug, initial, accountName, email }: { slug: string; initial: TValues; accountName: string; email: string }) {
  const t = useTranslations("dashboard.operators.profile");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const fieldError = (name: string) => (error?.field?.startsWith(name) ? error.message : null);
  const known = ["displayName", "signature", "maxChats"];

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const result = await updateOperatorProfileAction(slug, { ...values, maxChats: Number(values.maxChats) });
          if (!result.ok) return setError(result.error);
          toast.show(t("saved"));
          router.refresh();
        });
      }}
    >
      {error && !known.some((f) => error.field?.startsWith(f)) && <Alert tone="danger">{error.message}</Alert>}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="op-display-name" label={t("displayName")} hint={t("displayNameHint", { name: accountName })} error={fieldError("displayName")}>
          <Input
            {...fieldAria("op-display-name", fieldError("displayName"), true)}
            maxLength={60}
            placeholder={accountName}
            value={values.displayName}
            onChange={(e) => setValues({ ...values, displayName: e.target.value })}
          />
        </Field>
        <Field id="op-max-chats" label={t("maxChats")} hint={t("maxChatsHint")} error={fieldError("maxChats")}>
          <Input
            {...fieldAria("op-max-chats", fieldError("maxChats"), true)}
            type="number"
            min={1}
            max={50}
            required
            value={values.maxChats}
            onChange={(e) => setValues({ ...values, maxChats: Number(e.target.value) })}
            className="max-w-32"
          />
        </Field>
      </div>
      <Field id="op-signature" label={t("signature")} hint={t("signatureHint")} error={fieldError("signature")}>
        <Textarea
          {...fieldAria("op-signature", fieldError("signature"), true)}
          rows={3}
          maxLength={500}
          value={values.signature}
          onChange={(e) => setValues({ ...values, signature: e.target.value })}
        />
      </Field>
      <Switch
        id="op-transcripts"
        checked={values.sendTranscripts}
        onChange={(sendTranscripts) => setValues({ ...values, sendTranscripts })}
        label={t("sendTranscripts")}
        description={t("sendTranscriptsHint", { email })}
      />
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" loading={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
