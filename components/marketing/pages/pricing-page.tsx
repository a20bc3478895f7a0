import { marketingPath, type TLocale } from "@/lib/i18n/locale";
import { FaqAccordion } from "../faq/faq-accordion";
import { getFaq, pickFaq } from "../faq/get-faq";
import { Icon } from "../icons";
import { MarketingShell } from "../marketing-shell";
import { PeriodPriceTable } from "../period-price-table";
import { PlanCards } from "../plan-cards";
import { CtaSection, IconTile, InfoCard, MoreLink, PageHero, Section, SectionHeading } from "../sections";
import { marketingT } from "../t";

type TTitleBody = { title: string; body: string };

const BILLING_FAQ = {
  de: ["free-plan", "guthaben", "guthaben-leer", "rechnung", "zahlungsarten"],
  en: ["free-plan", "balance", "balance-low", "invoices", "payment-methods"],
} as const;

const PREPAID_ICONS = ["wallet", "arrowRight", "shield"] as const;

export async function PricingPage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const faq = pickFaq(await getFaq(locale), [...BILLING_FAQ[locale]]);
  const prepaid = t.raw("pricing.prepaid.items") as TTitleBody[];

  return (
    <MarketingShell locale={locale} routeKey="pricing">
      <PageHero eyebrow={t("pricing.hero.eyebrow")} title={t("pricing.hero.title")} lead={t("pricing.hero.lead")} />

      <Section labelledBy="plans-title" className="pt-12 sm:pt-16">
        <h2 id="plans-title" className="sr-only">
          {t("compare.title")}
        </h2>
        <p className="mb-4 text-center text-sm font-medium text-slate-600">{t("pricing.periodHint")}</p>
        <PlanCards locale={locale} />
        <p className="mx-auto mt-8 max-w-3xl text-center text-sm leading-6 text-slate-500">{t("pricing.vat")}</p>
      </Section>

      <Section labelledBy="periods-title" className="bg-slate-50 pt-16">
        <SectionHeading id="periods-title" title={t("pricing.tableTitle")} lead={t("pricing.tableLead")} />
        <div className="mt-10">
          <PeriodPriceTable locale={locale} />
        </div>
        <MoreLink href={marketingPath("features", locale)} className="mt-6">
          {t("features.compareLink")}
        </MoreLink>
      </Section>

      <Section labelledBy="prepaid-title">
        <SectionHeading id="prepaid-title" title={t("pricing.prepaid.title")} />
        <ol className="mt-12 grid gap-6 md:grid-cols-3">
          {prepaid.map((item, i) => (
            <InfoCard key={item.title} marker={<IconTile name={PREPAID_ICONS[i % PREPAID_ICONS.length]!} />} title={item.title} body={item.body} />
          ))}
        </ol>
        <p className="mx-auto mt-8 flex max-w-3xl gap-3 rounded-xl bg-brand-50 p-4 text-sm leading-6 text-brand-900 ring-1 ring-brand-100">
          <Icon name="info" className="mt-0.5 text-brand-600" />
          {t("pricing.prepaid.ownKey")}
        </p>
      </Section>

      <Section labelledBy="billing-faq-title" className="bg-slate-50">
        <div className="mx-auto max-w-3xl">
          <SectionHeading id="billing-faq-title" title={t("pricing.questions.title")} />
          <div className="mt-10">
            <FaqAccordion items={faq} />
          </div>
          <MoreLink href={marketingPath("faq", locale)} className="mt-8">
            {t("pricing.questions.more")}
          </MoreLink>
        </div>
      </Section>

      <div className="bg-slate-50">
        <CtaSection locale={locale} secondary="features" />
      </div>
    </MarketingShell>
  );
}
