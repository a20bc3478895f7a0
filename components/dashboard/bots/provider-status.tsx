"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { testProviderKeyAction } from "@/app/dashboard/[workspace]/settings/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import type { TExternalProvider, TProviderStatus } from "./answer-types";
import { ConnectionResult, type TConnectionResult } from "./connection-result";

/**
 * Whether the chosen provider can answer: a clear warning (answers fall back to offline)
 * when the workspace has no key, else the key hint and a connection test with the chosen model.
 */
export function ProviderStatus({ slug, provider, model, status, keysHref, markupPercent }: { slug: string; provider: TExternalProvider; model: string; status: TProviderStatus; keysHref: string; markupPercent: number }) {
  const t = useTranslations("dashboard.answers");
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TConnectionResult | null>(null);
  const current = status[provider];
  const name = t(`providers.${provider}.name`);

  if (!current.ready) {
    return (
      <Alert tone="warning" title={t(provider === "openai-compatible" ? "noEndpointTitle" : "noKeyTitle", { provider: name })}>
        <p>{t("noKeyText")}</p>
        <Link href={keysHref} className="mt-2 inline-block font-semibold underline underline-offset-2 hover:no-underline">
          {t("addKey")} →
        </Link>
      </Alert>
    );
  }
  if (current.platform) {
    return (
      <div className="flex flex-col gap-2 rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
        <p className="min-w-0">
          <span className="mr-1 text-emerald-600" aria-hidden="true">
            ●
          </span>
          {t("platformKey", { markup: markupPercent })}
        </p>
        <Link href={keysHref} className="inline-flex h-8 shrink-0 items-center px-2 text-sm font-medium text-brand-600 hover:text-brand-700">
          {t("addKey")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-2 rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-inset ring-slate-200">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="min-w-0 text-slate-700">
          <span className="mr-1 text-emerald-600" aria-hidden="true">
            ●
          </span>
          {current.keyHint ? t("keySaved", { hint: current.keyHint }) : t("endpointSaved")}
          {current.baseUrl && <span className="block truncate font-mono text-xs text-slate-500">{current.baseUrl}</span>}
        </p>
        <div className="flex shrink-0 gap-2">
          <Link href={keysHref} className="inline-flex h-8 items-center px-2 text-sm font-medium text-brand-600 hover:text-brand-700">
            {t("manageKeys")}
          </Link>
          <Button
            variant="secondary"
            size="sm"
            loading={pending}
            disabled={!model.trim()}
            onClick={() =>
              start(async () => {
                setResult(null);
                const response = await testProviderKeyAction(slug, { provider, model });
                setResult(response.ok ? response.data : { ok: false, kind: "unknown", message: response.error.message, model });
              })
            }
          >
            {t("testConnection")}
          </Button>
        </div>
      </div>
      {result && <ConnectionResult result={result} />}
    </div>
  );
}
