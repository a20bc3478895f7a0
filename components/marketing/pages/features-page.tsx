import { cn } from "@/components/ui/cn";
import { marketingPath, type TLocale } from "@/lib/i18n/locale";
import { Icon, isIconName } from "../icons";
import { MarketingShell } from "../marketing-shell";
import { PlanComparisonTable } from "../plan-comparison-table";
import { CtaSection, MoreLink, PageHero, Section, SectionHeading } from "../sections";
import { CONTAINER, marketingT } from "../t";

type TFeatureSection = { id: string; icon: string; title: string; lead: string; items: string[] };

const COMPARE_ID = { de: "plaene", en: "plans" } as const;

export async function FeaturesPage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const sections = t.raw("features.sections") as TFeatureSection[];
  const compareId = COMPARE_ID[locale];

  return (
    <MarketingShell locale={locale} routeKey="features">
      <PageHero eyebrow={t("features.hero.eyebrow")} title={t("features.hero.title")} lead={t("features.hero.lead")}>
        <nav aria-label={t("features.toc")} className="mt-8">
          <ul className="flex flex-wrap gap-2">
            {[...sections.map((s) => ({ id: s.id, title: s.title })), { id: compareId, title: t("compare.title") }].map((s) => (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  className="inline-flex rounded-full bg-white px-3.5 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-200 hover:text-brand-700 hover:ring-brand-300"
                >
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </PageHero>

      <div className="py-8 sm:py-12">
        {sections.map((section, index) => (
          <section
            key={section.id}
            id={section.id}
            aria-labelledby={`${section.id}-title`}
            className={cn(CONTAINER, "scroll-mt-20 py-6 sm:py-8")}
          >
            <div
              className={cn(
                "grid gap-8 rounded-3xl p-6 ring-1 sm:p-10 lg:grid-cols-[1fr_1.5fr] lg:gap-14",
                index % 2 === 0 ? "bg-white ring-slate-200" : "bg-slate-50 ring-slate-200/70",
              )}
            >
              <div>
                <span className="flex size-12 items-center justify-center rounded-xl bg-brand-600 text-white shadow-sm">
                  <Icon name={isIconName(section.icon) ? section.icon : "sparkles"} className="size-6" />
                </span>
                <h2 id={`${section.id}-title`} className="mt-5 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
                  {section.title}
                </h2>
                <p className="mt-3 text-base leading-7 text-slate-600">{section.lead}</p>
              </div>
              <ul className="grid content-start gap-x-8 gap-y-4 sm:grid-cols-2">
                {section.items.map((item) => (
                  <li key={item} className="flex gap-3 text-[0.9375rem] leading-6 text-slate-700">
                    <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-brand-100 text-brand-700">
                      <Icon name="check" className="size-3.5" />
                    </span>
                    {item}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        ))}
      </div>

      <Section id={compareId} labelledBy="compare-title" className="border-t border-slate-200 bg-slate-50">
        <SectionHeading id="compare-title" title={t("compare.title")} lead={t("compare.lead")} />
        <div className="mt-12">
          <PlanComparisonTable locale={locale} />
        </div>
        <MoreLink href={marketingPath("pricing", locale)} className="mt-8">
          {t("home.plans.more")}
        </MoreLink>
      </Section>

      <div className="bg-slate-50">
        <CtaSection locale={locale} />
      </div>
    </MarketingShell>
  );
}
