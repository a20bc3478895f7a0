import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { euros, type TMoneyLocale } from "./money";

/** The prepaid balance: what is there, what answers in flight hold, what is free to spend. */
export function BalanceCard({ balanceCents, heldCents, availableCents }: { balanceCents: number; heldCents: number; availableCents: number }) {
  const t = useTranslations("dashboard.billing.balance");
  const locale = useLocale() as TMoneyLocale;
  return (
    <Card className="flex flex-col">
      <div className="flex flex-1 flex-col px-5 py-5">
        <h2 className="text-sm font-medium text-slate-600">{t("title")}</h2>
        <p className={`mt-2 text-4xl font-semibold tracking-tight tabular-nums ${balanceCents < 0 ? "text-red-700" : "text-slate-900"}`} data-testid="balance">
          {euros(balanceCents, locale)}
        </p>
        <dl className="mt-4 space-y-1.5 text-sm">
          <div className="flex justify-between gap-3">
            <dt className="text-slate-600">{t("available")}</dt>
            <dd className="font-medium tabular-nums text-slate-900">{euros(availableCents, locale)}</dd>
          </div>
          {heldCents > 0 && (
            <div className="flex justify-between gap-3">
              <dt className="text-slate-600">{t("held")}</dt>
              <dd className="tabular-nums text-slate-700">{euros(heldCents, locale)}</dd>
            </div>
          )}
        </dl>
        {heldCents > 0 && <p className="mt-2 text-xs text-slate-500">{t("heldHint")}</p>}
        {availableCents <= 0 && (
          <div className="pt-4">
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset">{t("empty")}</p>
          </div>
        )}
      </div>
    </Card>
  );
}
