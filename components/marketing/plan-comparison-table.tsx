import type { ReactNode } from "react";
import type { TLocale } from "@/lib/i18n/locale";
import { formatEuros, PLANS, type TPlan } from "@/lib/plans/plans";
import { formatCount } from "@/lib/site/pricing";
import { Icon } from "./icons";
import { formatRetention } from "./plan-format";
import { ScrollTable } from "./scroll-table";
import { marketingT, type TMarketingT } from "./t";

function Included({ value, t }: { value: boolean; t: TMarketingT }) {
  return value ? (
    <span className="inline-flex text-brand-600">
      <Icon name="check" className="size-5" />
      <span className="sr-only">{t("compare.yes")}</span>
    </span>
  ) : (
    <span className="inline-flex text-slate-400">
      <Icon name="x" className="size-5" />
      <span className="sr-only">{t("compare.no")}</span>
    </span>
  );
}

/** Plans side by side; rows come straight from the plans configuration. */
export async function PlanComparisonTable({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const rows: { key: string; label: string; cell: (plan: TPlan) => ReactNode }[] = [
    { key: "price", label: t("compare.price"), cell: (p) => formatEuros(p.monthlyPriceCents, locale) },
    { key: "seats", label: t("compare.seats"), cell: (p) => formatCount(p.seats, locale) },
    { key: "bots", label: t("compare.bots"), cell: (p) => formatCount(p.bots, locale) },
    { key: "pages", label: t("compare.knowledgePages"), cell: (p) => formatCount(p.knowledgePages, locale) },
    { key: "live", label: t("compare.liveChat"), cell: (p) => <Included value={p.liveChat} t={t} /> },
    { key: "branding", label: t("compare.removeBranding"), cell: (p) => <Included value={p.removeBranding} t={t} /> },
    { key: "api", label: t("compare.apiAccess"), cell: (p) => <Included value={p.apiAccess} t={t} /> },
    { key: "retention", label: t("compare.retention"), cell: (p) => formatRetention(p.transcriptsRetentionMaxDays, t) },
  ];
  return (
    <div>
      <ScrollTable
        caption={t("compare.caption")}
        head={
          <>
            <th scope="col" className="sticky left-0 z-10 w-[32%] bg-slate-50 px-5 py-4 font-semibold text-slate-900">
              {t("compare.feature")}
            </th>
            {PLANS.map((plan) => (
              <th key={plan.id} scope="col" className="px-4 py-4 text-center font-semibold text-slate-900">
                {t(`plans.${plan.id}.name`)}
              </th>
            ))}
          </>
        }
      >
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="sticky left-0 z-10 bg-white px-5 py-3.5 font-medium text-slate-700">
              {row.label}
            </th>
            {PLANS.map((plan) => (
              <td key={plan.id} className="px-4 py-3.5 text-center text-slate-700 tabular-nums">
                {row.cell(plan)}
              </td>
            ))}
          </tr>
        ))}
      </ScrollTable>
      <p className="mt-4 text-sm leading-6 text-slate-600">{t("compare.allPlans")}</p>
    </div>
  );
}
