"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Button, ButtonLink, Spinner } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { euros, type TMoneyLocale } from "./money";

export type TTopUpView = { id: string; status: string; amountCents: number; creditedCents: number; balanceCents: number };

export const POLL_INTERVAL_MS = 1500;
export const POLL_GIVE_UP_MS = 2 * 60 * 1000;

type TPhase = "waiting" | "credited" | "failed";

function phaseOf(topUp: TTopUpView): TPhase {
  if (topUp.creditedCents > 0) return "credited";
  if (topUp.status === "failed" || topUp.status === "expired") return "failed";
  return "waiting";
}

/**
 * Polls the top-up every 1.5 s until it is credited or failed; after two minutes it stops and
 * reports `gaveUp` (a delayed method such as SEPA debit can take days); `checkAgain` restarts.
 */
function useTopUpPolling(slug: string, initial: TTopUpView) {
  const [topUp, setTopUp] = useState(initial);
  const [gaveUp, setGaveUp] = useState(false);
  const [round, setRound] = useState(0);

  const poll = useCallback(async (): Promise<TTopUpView | null> => {
    try {
      const res = await fetch(`/api/workspaces/${encodeURIComponent(slug)}/billing/top-ups/${encodeURIComponent(initial.id)}`, { cache: "no-store", headers: { accept: "application/json" } });
      return res.ok ? ((await res.json()) as TTopUpView) : null;
    } catch {
      return null;
    }
  }, [slug, initial.id]);

  useEffect(() => {
    if (phaseOf(initial) !== "waiting") return;
    const startedAt = Date.now();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const next = await poll();
      if (stopped) return;
      if (next) setTopUp(next);
      if (next && phaseOf(next) !== "waiting") return;
      if (Date.now() - startedAt >= POLL_GIVE_UP_MS) return setGaveUp(true);
      timer = setTimeout(tick, POLL_INTERVAL_MS);
    };
    timer = setTimeout(tick, round === 0 ? POLL_INTERVAL_MS : 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [initial, poll, round]);

  const checkAgain = () => {
    setGaveUp(false);
    setRound((r) => r + 1);
  };
  return { topUp, gaveUp, checkAgain };
}

/**
 * After Stripe's redirect: the webhook that credits the balance may arrive a moment later, so
 * this shows "pending" while it polls, then the credited amount and the new balance (or that
 * the payment failed).
 */
export function TopUpStatus({ slug, initial }: { slug: string; initial: TTopUpView }) {
  const { topUp, gaveUp, checkAgain } = useTopUpPolling(slug, initial);
  const phase = phaseOf(topUp);
  const billing = `/dashboard/${slug}/billing`;
  return (
    <Card className="mx-auto max-w-xl">
      <div className="flex flex-col items-center px-6 py-10 text-center" aria-live="polite">
        {phase === "waiting" && <Waiting topUp={topUp} gaveUp={gaveUp} onCheckAgain={checkAgain} billing={billing} />}
        {phase === "credited" && <Credited topUp={topUp} billing={billing} />}
        {phase === "failed" && <Failed billing={billing} />}
      </div>
    </Card>
  );
}

function Waiting({ topUp, gaveUp, onCheckAgain, billing }: { topUp: TTopUpView; gaveUp: boolean; onCheckAgain: () => void; billing: string }) {
  const t = useTranslations("dashboard.billing.success");
  const locale = useLocale() as TMoneyLocale;
  return (
    <>
      <div className="mb-4 flex size-14 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        {gaveUp ? <Icon path="M12 8v5m0 3h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" /> : <Spinner className="size-7" />}
      </div>
      <h1 className="text-xl font-semibold text-slate-900">
        {gaveUp ? t("slowTitle") : t("pendingTitle")}
      </h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        {gaveUp ? t("slowText") : topUp.status === "processing" ? t("processingText") : t("pendingText")}
      </p>
      <p className="mt-4 text-sm text-slate-500">{t("amount", { amount: euros(topUp.amountCents, locale) })}</p>
      <div className="mt-6 flex flex-col gap-2 sm:flex-row">
        {gaveUp && (
          <Button variant="secondary" onClick={onCheckAgain}>
            {t("checkAgain")}
          </Button>
        )}
        <ButtonLink href={billing} variant={gaveUp ? "primary" : "ghost"}>
          {t("back")}
        </ButtonLink>
      </div>
    </>
  );
}

function Credited({ topUp, billing }: { topUp: TTopUpView; billing: string }) {
  const t = useTranslations("dashboard.billing.success");
  const locale = useLocale() as TMoneyLocale;
  return (
    <>
      <div className="mb-4 flex size-14 items-center justify-center rounded-full bg-emerald-50 text-emerald-600">
        <Icon path="M5 12.5l4.5 4.5L19 7.5" />
      </div>
      <h1 className="text-xl font-semibold text-slate-900">
        {t("creditedTitle", { amount: euros(topUp.creditedCents, locale) })}
      </h1>
      <p className="mt-2 text-sm text-slate-600">{t("creditedText")}</p>
      <div className="mt-6 rounded-xl bg-slate-50 px-6 py-4 ring-1 ring-slate-200 ring-inset">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("newBalance")}</p>
        <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid="new-balance">
          {euros(topUp.balanceCents, locale)}
        </p>
      </div>
      <ButtonLink href={billing} className="mt-6">
        {t("back")}
      </ButtonLink>
    </>
  );
}

function Failed({ billing }: { billing: string }) {
  const t = useTranslations("dashboard.billing.success");
  return (
    <>
      <div className="mb-4 flex size-14 items-center justify-center rounded-full bg-red-50 text-red-600">
        <Icon path="M6 6l12 12M18 6 6 18" />
      </div>
      <h1 className="text-xl font-semibold text-slate-900">
        {t("failedTitle")}
      </h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">{t("failedText")}</p>
      <div className="mt-6 flex flex-col gap-2 sm:flex-row">
        <ButtonLink href={`${billing}#top-up`}>{t("tryAgain")}</ButtonLink>
        <ButtonLink href={billing} variant="secondary">
          {t("back")}
        </ButtonLink>
      </div>
    </>
  );
}

function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={path} />
    </svg>
  );
}
