import type { TLocale } from "@/lib/i18n/locale";
import { PLAN_PERIODS } from "@/lib/plans/plans";
import { planViews } from "@/lib/site/pricing";
import { ScrollTable } from "./scroll-table";
import { marketingT } from "./t";

/** Every plan × every billing period: total price and its monthly equivalent. */
export async function PeriodPriceTable({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  return (
    <ScrollTable
      caption={t("pricing.tableCaption")}
      head={
        <>
          <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-5 py-4 font-semibold text-slate-900">
            {t("pricing.plan")}
          </th>
          {PLAN_PERIODS.map((period) => (
            <th key={period.months} scope="col" className="px-4 py-4 font-semibold text-slate-900">
              <span className="block">{t("periods.months", { months: period.months })}</span>
              <span
                className={
                  period.discountPercent > 0
                    ? "mt-1 inline-block rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-700"
                    : "mt-1 inline-block px-0 py-0.5 text-xs font-normal text-slate-500"
                }
              >
                {period.discountPercent > 0
                  ? t("periods.discount", { percent: period.discountPercent })
                  : t("periods.noDiscount")}
              </span>
            </th>
          ))}
        </>
      }
    >
      {planViews(locale).map((view) => (
        <tr key={view.id}>
          <th scope="row" className="sticky left-0 z-10 bg-white px-5 py-4 font-semibold text-slate-900">
            {t(`plans.${view.id}.name`)}
          </th>
          {view.periods.map((p) => (
            <td key={p.months} className="px-4 py-4 text-slate-700 tabular-nums">
              {view.isFree ? (
                <span className="text-slate-500">{t("pricing.free")}</span>
              ) : (
                <>
                  <span className="block font-semibold text-slate-900">{p.total}</span>
                  <span className="block text-xs text-slate-500">{t("pricing.perMonthShort", { price: p.perMonth })}</span>
                </>
              )}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}
