import type { TLocale } from "@/lib/i18n/locale";
import { PLAN_PERIODS } from "@/lib/plans/plans";
import { formatCount, planViews } from "@/lib/site/pricing";
import { PlanCardsClient, type TPlanCard } from "./plan-cards-client";
import { formatRetention } from "./plan-format";
import { marketingT } from "./t";

const RECOMMENDED = "team";

/** Plan cards with a billing-period switch; every number comes from lib/plans/plans.ts. */
export async function PlanCards({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const cards: TPlanCard[] = planViews(locale).map(({ id, plan, isFree, periods }) => {
    const name = t(`plans.${id}.name`);
    return {
      id,
      name,
      tagline: t(`plans.${id}.tagline`),
      recommended: id === RECOMMENDED,
      isFree,
      cta: isFree ? t("plans.ctaFree") : t("plans.ctaPaid", { name }),
      features: [
        { text: t("plans.seats", { count: plan.seats }), included: true },
        { text: t("plans.bots", { count: plan.bots }), included: true },
        { text: t("plans.knowledgePages", { count: formatCount(plan.knowledgePages, locale) }), included: true },
        { text: plan.liveChat ? t("plans.liveChat") : t("plans.noLiveChat"), included: plan.liveChat },
        { text: plan.removeBranding ? t("plans.removeBranding") : t("plans.branding"), included: plan.removeBranding },
        ...(plan.apiAccess ? [{ text: t("plans.apiAccess"), included: true }] : []),
        {
          text: t("plans.retention", { duration: formatRetention(plan.transcriptsRetentionMaxDays, t) }),
          included: true,
        },
      ],
      prices: periods.map((p) => ({
        months: p.months,
        perMonth: isFree ? t("plans.free_price") : p.perMonth,
        note: isFree
          ? t("plans.forever")
          : p.months === 1
            ? t("plans.billedMonthly")
            : t("plans.billedEvery", { total: p.total, months: p.months }),
      })),
    };
  });
  const periods = PLAN_PERIODS.map((p) => ({
    months: p.months,
    label: t("periods.months", { months: p.months }),
    discount: p.discountPercent > 0 ? t("periods.discount", { percent: p.discountPercent }) : undefined,
  }));
  return (
    <PlanCardsClient
      cards={cards}
      periods={periods}
      labels={{
        period: t("periods.label"),
        perMonth: t("plans.perMonth"),
        recommended: t("plans.recommended"),
        included: t("compare.yes"),
        notIncluded: t("compare.no"),
      }}
    />
  );
}
