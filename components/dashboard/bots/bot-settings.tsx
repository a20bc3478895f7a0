"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteBotAction, updateBotAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { BotFields, type TBotValues } from "./bot-fields";

export function BotSettings({ slug, bot }: { slug: string; bot: TBotValues & { id: string; publicId: string } }) {
  const t = useTranslations("dashboard.bots");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState<TBotValues>({ name: bot.name, description: bot.description, languages: bot.languages });
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [deleting, setDeleting] = useState(false);
  return (
    <Card>
      <CardHeader title={t("settings")} description={t("publicId", { id: bot.publicId })} />
      <CardBody>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const result = await updateBotAction(slug, { botId: bot.id, values });
              if (!result.ok) return setError(result.error);
              setError(null);
              toast.show(t("saved"));
              router.refresh();
            });
          }}
        >
          {error && !error.field && <Alert tone="danger">{error.message}</Alert>}
          <BotFields values={values} onChange={setValues} error={error} />
          <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:justify-between">
            <Button variant="ghost" className="text-red-600! hover:bg-red-50!" onClick={() => setDeleting(true)}>
              {t("deleteBot")}
            </Button>
            <Button type="submit" loading={pending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </CardBody>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={t("deleteBotTitle")}
        description={t("deleteBotText", { name: bot.name })}
        cancelLabel={t("cancel")}
        confirmLabel={t("deleteBot")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            const result = await deleteBotAction(slug, { botId: bot.id });
            if (!result.ok) return toast.show(result.error.message, "error");
            router.push(`/dashboard/${slug}/bots`);
          })
        }
      />
    </Card>
  );
}
