"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteProviderKeyAction, testProviderKeyAction } from "@/app/dashboard/[workspace]/settings/actions";
import { ConnectionResult, type TConnectionResult } from "@/components/dashboard/bots/connection-result";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/feedback";
import { Input } from "@/components/ui/field";
import { KEY_PROVIDERS } from "@/lib/ai/providers";
import { useToast } from "@/components/ui/toast";
import { ProviderKeyDialog, type TKeyProvider } from "./provider-key-dialog";

export type TProviderKeyRow = { provider: TKeyProvider; hasKey: boolean; keyHint: string | null; baseUrl: string | null; updatedAt: string };

const PROVIDERS: readonly TKeyProvider[] = KEY_PROVIDERS;

/** The workspace's own model provider keys: add, replace, test, remove. Keys are shown as "•••• abcd" only. */
export function ProviderKeys({ slug, keys, defaultModels }: { slug: string; keys: TProviderKeyRow[]; defaultModels: { openai: string; gemini: string } }) {
  const t = useTranslations("dashboard.providerKeys");
  const [editing, setEditing] = useState<TKeyProvider | null>(null);
  const [removing, setRemoving] = useState<TKeyProvider | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  const router = useRouter();
  const row = (p: TKeyProvider) => keys.find((k) => k.provider === p) ?? null;

  return (
    <div id="provider-keys" className="scroll-mt-20">
      <Card>
        <CardHeader title={t("title")} description={t("description")} />
        <ul className="divide-y divide-slate-100">
          {PROVIDERS.map((p) => (
            <ProviderRow key={p} slug={slug} provider={p} row={row(p)} defaultModel={p === "openai-compatible" ? "" : defaultModels[p]} onEdit={() => setEditing(p)} onRemove={() => setRemoving(p)} />
          ))}
        </ul>
        <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">{t("footnote")}</p>
      </Card>
      {editing && <ProviderKeyDialog slug={slug} provider={editing} baseUrl={row(editing)?.baseUrl ?? null} replacing={row(editing) !== null} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t("removeTitle", { provider: removing ? t(`providers.${removing}.name`) : "" })}
        description={t("removeText")}
        cancelLabel={t("cancel")}
        confirmLabel={t("remove")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!removing) return;
            const result = await deleteProviderKeyAction(slug, { provider: removing });
            setRemoving(null);
            toast.show(result.ok ? t("removed") : result.error.message, result.ok ? "success" : "error");
            router.refresh();
          })
        }
      />
    </div>
  );
}

function ProviderRow({ slug, provider, row, defaultModel, onEdit, onRemove }: { slug: string; provider: TKeyProvider; row: TProviderKeyRow | null; defaultModel: string; onEdit: () => void; onRemove: () => void }) {
  const t = useTranslations("dashboard.providerKeys");
  const format = useFormatter();
  const [model, setModel] = useState(defaultModel);
  const [testing, startTest] = useTransition();
  const [result, setResult] = useState<TConnectionResult | null>(null);
  const compatible = provider === "openai-compatible";
  const configured = compatible ? Boolean(row?.baseUrl) : Boolean(row?.hasKey);
  const modelId = `pk-test-model-${provider}`;

  return (
    <li className="space-y-3 px-5 py-4" data-testid={`provider-${provider}`}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">{t(`providers.${provider}.name`)}</h3>
            {configured ? <Badge tone="success">{row?.keyHint ? `•••• ${row.keyHint}` : t("noKeyNeeded")}</Badge> : <Badge>{t("notSet")}</Badge>}
          </div>
          <p className="mt-0.5 text-sm text-slate-500">{t(`providers.${provider}.text`)}</p>
          {row?.baseUrl && <p className="mt-1 break-all font-mono text-xs text-slate-600">{row.baseUrl}</p>}
          {row && <p className="mt-1 text-xs text-slate-400">{t("updated", { date: format.dateTime(new Date(row.updatedAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>}
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <Button variant={configured ? "secondary" : "primary"} size="sm" onClick={onEdit}>
            {configured ? t(compatible ? "edit" : "replace") : t(compatible ? "addEndpoint" : "add")}
          </Button>
          {row && (
            <Button variant="ghost" size="sm" className="text-red-600! hover:bg-red-50!" onClick={onRemove}>
              {t("remove")}
            </Button>
          )}
        </div>
      </div>
      {configured && (
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-center"
          onSubmit={(e) => {
            e.preventDefault();
            startTest(async () => {
              setResult(null);
              const response = await testProviderKeyAction(slug, { provider, model });
              setResult(response.ok ? response.data : { ok: false, kind: "unknown", message: response.error.message, model });
            });
          }}
        >
          <label htmlFor={modelId} className="text-xs font-medium text-slate-600 sm:shrink-0">
            {t("testModel")}
          </label>
          <Input id={modelId} value={model} required={compatible} maxLength={100} placeholder={compatible ? "llama3.2" : defaultModel} spellCheck={false} onChange={(e) => setModel(e.target.value)} className="h-8 font-mono sm:max-w-56" />
          <Button type="submit" variant="secondary" size="sm" loading={testing}>
            {t("test")}
          </Button>
        </form>
      )}
      {result && <ConnectionResult result={result} />}
    </li>
  );
}
