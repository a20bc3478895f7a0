"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteConversationAction } from "@/app/dashboard/[workspace]/conversations/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

export function DeleteConversationButton({ slug, conversationId, visitorName }: { slug: string; conversationId: string; visitorName: string }) {
  const t = useTranslations("dashboard.conversations");
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("delete")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("deleteTitle")}
        description={t("deleteText", { name: visitorName })}
        cancelLabel={t("cancel")}
        confirmLabel={t("delete")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            const result = await deleteConversationAction(slug, { conversationId });
            setOpen(false);
            toast.show(result.ok ? t("deleted") : result.error.message, result.ok ? "success" : "error");
            if (result.ok) router.push(`/dashboard/${slug}/conversations`);
          })
        }
      />
    </>
  );
}
