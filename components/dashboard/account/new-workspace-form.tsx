"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createWorkspaceAction } from "@/app/dashboard/actions";
import { Button } from "@/components/ui/button";
import { Field, fieldAria, Input } from "@/components/ui/field";

export function NewWorkspaceForm() {
  const t = useTranslations("dashboard.newWorkspace");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await createWorkspaceAction({ name });
          if (result.ok) router.push(`/dashboard/${result.data.slug}`);
          else setError(result.error.message);
        });
      }}
    >
      <Field id="new-ws-name" label={t("name")} error={error}>
        <Input {...fieldAria("new-ws-name", error)} required minLength={2} maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme GmbH" autoFocus />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        {t("create")}
      </Button>
    </form>
  );
}
