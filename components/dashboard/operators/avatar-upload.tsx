"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { removeAvatarAction, uploadAvatarAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { OperatorAvatar } from "./operator-avatar";

/** Same limit as lib/operators/process-avatar-image.ts; checked here first to spare the upload. */
const MAX_BYTES = 1_000_000;
const TYPES = ["image/png", "image/jpeg", "image/webp"];

export function AvatarUpload({ slug, userId, name, avatarUrl }: { slug: string; userId: string; name: string; avatarUrl: string | null }) {
  const t = useTranslations("dashboard.operators.avatar");
  const toast = useToast();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const upload = (file: File) => {
    setError(null);
    if (!TYPES.includes(file.type)) return setError(t("wrongType"));
    if (file.size > MAX_BYTES) return setError(t("tooLarge"));
    const form = new FormData();
    form.set("userId", userId);
    form.set("file", file);
    start(async () => {
      const result = await uploadAvatarAction(slug, form);
      if (input.current) input.current.value = "";
      if (!result.ok) return setError(result.error.message);
      toast.show(t("uploaded"));
      router.refresh();
    });
  };

  return (
    <div className="flex flex-row items-center gap-4 lg:flex-col lg:items-start">
      <OperatorAvatar name={name} url={avatarUrl} size="lg" />
      <div className="min-w-0 space-y-2">
        <input
          ref={input}
          id="op-avatar"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="sr-only"
          aria-describedby="op-avatar-hint"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) upload(file);
          }}
        />
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" loading={pending} onClick={() => input.current?.click()}>
            {avatarUrl ? t("replace") : t("upload")}
          </Button>
          {avatarUrl && (
            <Button
              variant="ghost"
              size="sm"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const result = await removeAvatarAction(slug, { userId });
                  if (!result.ok) return setError(result.error.message);
                  toast.show(t("removed"));
                  router.refresh();
                })
              }
            >
              {t("remove")}
            </Button>
          )}
        </div>
        <p id="op-avatar-hint" className="text-xs text-slate-500">
          {t("hint")}
        </p>
        {error && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
