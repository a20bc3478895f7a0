"use client";

import { useTranslations } from "next-intl";

export type TConnectionResult = { ok: true; latencyMs: number; model: string } | { ok: false; kind: string; message: string; model: string };

const KINDS = ["auth", "rate_limit", "timeout", "unavailable", "bad_request", "not_configured", "blocked"];

/** The outcome of "test connection": latency, or what went wrong in words plus the provider's detail. */
export function ConnectionResult({ result }: { result: TConnectionResult }) {
  const t = useTranslations("dashboard.connection");
  if (result.ok) {
    return (
      <p role="status" className="text-sm font-medium text-emerald-700">
        {t("ok", { model: result.model, ms: result.latencyMs })}
      </p>
    );
  }
  return (
    <div role="alert" className="text-sm text-red-700">
      <p className="font-medium">{t(`failed.${KINDS.includes(result.kind) ? result.kind : "unknown"}`)}</p>
      <p className="mt-0.5 break-words text-xs text-red-600">{result.message}</p>
    </div>
  );
}
