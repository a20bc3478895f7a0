"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { LIVE_CHAT_LIMITS, type TLiveVisitor } from "@/lib/live-chat/protocol";
import type { TRefusal } from "./console-state";
import { shortUrl } from "./format";
import { refusalKey } from "./refusal";

/** Invite a visitor to chat: the widget opens on their page with this message. */
export function InviteDialog({ visitor, onClose, onInvite }: { visitor: TLiveVisitor | null; onClose: () => void; onInvite: (visitorKey: string, text: string) => Promise<TRefusal | null> }) {
  const t = useTranslations("dashboard.console.invite");
  const tr = useTranslations("dashboard.console.refusals");
  const textId = useId();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<TRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const value = text ?? t("defaultText");

  const close = () => {
    setText(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!visitor || !value.trim()) return;
    setBusy(true);
    const refusal = await onInvite(visitor.visitorKey, value.trim());
    setBusy(false);
    if (refusal) setError(refusal);
    else close();
  };
  const errorKey = error ? refusalKey(error) : null;
  return (
    <Dialog
      open={visitor !== null}
      onClose={close}
      title={t("title")}
      description={visitor ? t("description", { page: visitor.page.title || shortUrl(visitor.page.url) }) : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t("cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!value.trim()}>
            {t("submit")}
          </Button>
        </>
      }
    >
      <Field id={textId} label={t("message")} hint={t("chars", { count: value.length, max: LIVE_CHAT_LIMITS.invitationMaxChars })}>
        <Textarea id={textId} value={value} maxLength={LIVE_CHAT_LIMITS.invitationMaxChars} onChange={(e) => setText(e.target.value)} />
      </Field>
      {error && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {errorKey ? tr(errorKey) : error.message}
        </p>
      )}
    </Dialog>
  );
}
