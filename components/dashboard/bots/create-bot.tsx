"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createBotAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { BotFields, type TBotValues } from "./bot-fields";

export function CreateBotButton({ slug, disabled }: { slug: string; disabled?: boolean }) {
  const t = useTranslations("dashboard.bots");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [values, setValues] = useState<TBotValues>({ name: "", description: "", languages: ["de"] });
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={disabled} title={disabled ? t("limitReached") : undefined}>
        {t("create")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("createTitle")}
        description={t("createText")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" form="create-bot" loading={pending}>
              {t("create")}
            </Button>
          </>
        }
      >
        <form
          id="create-bot"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const result = await createBotAction(slug, values);
              if (!result.ok) return setError(result.error);
              setOpen(false);
              router.push(`/dashboard/${slug}/bots/${result.data.id}`);
            });
          }}
        >
          {error && !error.field && <Alert tone="danger">{error.message}</Alert>}
          <BotFields values={values} onChange={setValues} error={error} />
        </form>
      </Dialog>
    </>
  );
}
