"use client";

import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import type { TConsoleState } from "./console-state";
import { Icon } from "./icons";

/** Why the console is not (or no longer) connected, and what the operator can do. */
export function ConnectionBanner({ state, onRetry }: { state: Pick<TConsoleState, "connection" | "failure" | "everReady">; onRetry: () => void }) {
  const t = useTranslations("dashboard.console.connection");
  if (state.connection === "failed") {
    const signedOut = state.failure === "signed_out" || state.failure === "token_revoked";
    const known = ["signed_out", "token_revoked", "not_found", "forbidden", "workspace_mismatch"].includes(state.failure ?? "");
    return (
      <div role="alert" className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-900">
        <Icon name="wifiOff" className="size-4 text-red-600" />
        <span className="font-medium">{t(`failed.${known ? state.failure : "other"}`)}</span>
        <span className="ml-auto flex gap-2">
          {signedOut ? (
            <a href={`/login?callbackUrl=${encodeURIComponent(typeof window === "undefined" ? "/dashboard" : window.location.pathname)}`} className="rounded-lg bg-red-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-red-700">
              {t("signIn")}
            </a>
          ) : (
            <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
              {t("reload")}
            </Button>
          )}
        </span>
      </div>
    );
  }
  if (state.connection === "reconnecting") {
    return (
      <div role="status" className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
        <Spinner className="size-4 text-amber-600" />
        <span>{t("reconnecting")}</span>
        <button type="button" onClick={onRetry} className="ml-auto text-xs font-semibold underline underline-offset-2">
          {t("retryNow")}
        </button>
      </div>
    );
  }
  return null;
}

/** The server set the operator away for inactivity: one click brings them back. */
export function AutoAwayBanner({ onBack }: { onBack: () => void }) {
  const t = useTranslations("dashboard.console.autoAway");
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
      <span aria-hidden="true" className="size-2.5 rounded-full bg-amber-400" />
      <span>
        <span className="font-semibold">{t("title")}</span> <span className="hidden sm:inline">{t("text")}</span>
      </span>
      <Button size="sm" className="ml-auto" onClick={onBack}>
        {t("back")}
      </Button>
    </div>
  );
}
