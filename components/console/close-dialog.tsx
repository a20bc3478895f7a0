"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ChipsInput } from "@/components/dashboard/operators/chips-input";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LIVE_CHAT_LIMITS } from "@/lib/live-chat/protocol";
import type { TRefusal } from "./console-state";
import { refusalKey } from "./refusal";

/** End the chat with tags; the transcript goes out and the visitor may rate it. */
export function CloseDialog({ open, visitorName, onClose, onConfirm }: { open: boolean; visitorName: string; onClose: () => void; onConfirm: (tags: string[]) => Promise<TRefusal | null> }) {
  const t = useTranslations("dashboard.console.closeChat");
  const tr = useTranslations("dashboard.console.refusals");
  const tagsId = useId();
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<TRefusal | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setTags([]);
    setError(null);
    onClose();
  };
  const submit = async () => {
    setBusy(true);
    // A tag still in the input counts too (the input commits it on blur, which may come later).
    const typed = (document.getElementById(tagsId) as HTMLInputElement | null)?.value.trim();
    const all = typed && !tags.includes(typed) ? [...tags, typed].slice(0, LIVE_CHAT_LIMITS.tagsMax) : tags;
    const refusal = await onConfirm(all);
    setBusy(false);
    if (refusal) setError(refusal);
    else close();
  };
  const errorKey = error ? refusalKey(error) : null;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t("title")}
      description={t("description", { name: visitorName })}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t("cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={busy}>
            {t("submit")}
          </Button>
        </>
      }
    >
      <div className="space-y-1.5">
        <label htmlFor={tagsId} className="block text-sm font-medium text-slate-800">
          {t("tags")}
        </label>
        <ChipsInput
          id={tagsId}
          values={tags}
          onChange={setTags}
          max={LIVE_CHAT_LIMITS.tagsMax}
          maxLength={LIVE_CHAT_LIMITS.tagMaxChars}
          placeholder={t("tagsPlaceholder")}
          removeLabel={(tag) => t("removeTag", { tag })}
          normalize={(v) => v.trim().toLowerCase()}
          describedBy={`${tagsId}-hint`}
        />
        <p id={`${tagsId}-hint`} className="text-xs text-slate-500">
          {t("tagsHint")}
        </p>
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {errorKey ? tr(errorKey) : error.message}
          </p>
        )}
      </div>
    </Dialog>
  );
}
