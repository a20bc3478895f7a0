"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { saveProviderKeyAction } from "@/app/dashboard/[workspace]/settings/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input } from "@/components/ui/field";
import type { TProviderName } from "@/lib/ai/providers";
import { useToast } from "@/components/ui/toast";

export type TKeyProvider = TProviderName;

/**
 * Enter or replace a provider key. The key lives only in this dialog's state until it is
 * sent; the server answers with the last four characters, never the key.
 */
export function ProviderKeyDialog({ slug, provider, baseUrl, replacing, onClose }: { slug: string; provider: TKeyProvider; baseUrl: string | null; replacing: boolean; onClose: () => void }) {
  const t = useTranslations("dashboard.providerKeys");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [apiKey, setApiKey] = useState("");
  const [url, setUrl] = useState(baseUrl ?? "");
  const [error, setError] = useState<{ message: string; field?: string; reason?: string } | null>(null);
  const compatible = provider === "openai-compatible";
  const name = t(`providers.${provider}.name`);
  const keyError = error?.field === "apiKey" ? t("errors.apiKey") : null;
  const urlError = error?.field === "baseUrl" ? (error.reason === "blocked" ? `${t("errors.blocked")} ${error.message}` : t("errors.baseUrl")) : null;

  const close = () => {
    setApiKey("");
    setError(null);
    onClose();
  };

  return (
    <Dialog
      open
      onClose={close}
      title={t(replacing ? "replaceTitle" : "addTitle", { provider: name })}
      description={t("dialogText")}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t("cancel")}
          </Button>
          <Button type="submit" form="provider-key-form" loading={pending}>
            {t("saveKey")}
          </Button>
        </>
      }
    >
      <form
        id="provider-key-form"
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          start(async () => {
            const input = compatible ? { provider, baseUrl: url, apiKey } : { provider, apiKey };
            const result = await saveProviderKeyAction(slug, input);
            if (!result.ok) return setError(result.error);
            setApiKey("");
            toast.show(t("saved", { provider: name }));
            router.refresh();
            onClose();
          });
        }}
      >
        {error && !["apiKey", "baseUrl"].includes(error.field ?? "") && <Alert tone="danger">{error.message}</Alert>}
        {compatible && (
          <Field id="pk-base-url" label={t("baseUrl")} hint={t("baseUrlHint")} error={urlError}>
            <Input
              {...fieldAria("pk-base-url", urlError, true)}
              type="url"
              inputMode="url"
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="http://ollama.intern:11434/v1"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              className="font-mono"
            />
          </Field>
        )}
        <Field id="pk-api-key" label={compatible ? t("apiKeyOptional") : t("apiKey")} hint={t(compatible && replacing ? "apiKeyKeepHint" : "apiKeyHint")} error={keyError}>
          <Input
            {...fieldAria("pk-api-key", keyError, true)}
            type="password"
            required={!compatible}
            autoComplete="off"
            spellCheck={false}
            data-1p-ignore
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            className="font-mono"
          />
        </Field>
      </form>
    </Dialog>
  );
}
