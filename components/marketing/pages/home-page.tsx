import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { env } from "@/lib/config/env";
import { marketingPath, type TLocale } from "@/lib/i18n/locale";
import { maxDiscountPercent } from "@/lib/site/pricing";
import { ChatWidgetMock } from "../chat-widget-mock";
import { FaqAccordion } from "../faq/faq-accordion";
import { embedSnippet, Snippet } from "../faq/faq-bits";
import { getFaq, pickFaq } from "../faq/get-faq";
import { Icon, isIconName } from "../icons";
import { MarketingShell } from "../marketing-shell";
import { PlanCards } from "../plan-cards";
import { CtaSection, IconTile, InfoCard, MoreLink, Section, SectionHeading } from "../sections";
import { CONTAINER, marketingT } from "../t";

type TTitleBody = { title: string; body: string };
type TFeature = TTitleBody & { icon: string };

const FAQ_TEASER = {
  de: ["loslegen", "widget-einbinden", "cookies", "ki-modelle"],
  en: ["get-started", "embed-widget", "cookies", "ai-models"],
} as const;

const FACT_ICONS = ["code", "shield", "cpu", "users"] as const;

export async function HomePage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const faq = pickFaq(await getFaq(locale), [...FAQ_TEASER[locale]]);
  const facts = t.raw("home.facts") as TTitleBody[];
  const features = t.raw("home.features.items") as TFeature[];
  const steps = t.raw("home.steps.items") as TTitleBody[];
  const points = t.raw("home.hero.points") as string[];
  const privacyItems = t.raw("home.privacy.items") as string[];

  return (
    <MarketingShell locale={locale} routeKey="home">
      <section aria-labelledby="hero-title" className="relative overflow-hidden bg-gradient-to-b from-brand-50 via-white to-white">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top_right,var(--color-brand-100),transparent_60%)]"
        />
        <div className={cn(CONTAINER, "relative grid items-center gap-12 pt-12 pb-16 sm:pt-20 sm:pb-24 lg:grid-cols-[1.1fr_1fr] lg:gap-12")}>
          <div>
            <p className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-sm font-medium text-brand-700 shadow-sm ring-1 ring-brand-200">
              <Icon name="sparkles" className="size-4" />
              {t("home.hero.eyebrow")}
            </p>
            <h1
              id="hero-title"
              className="mt-6 text-4xl leading-[1.1] font-bold tracking-tight text-balance text-slate-900 sm:text-5xl xl:text-[3.5rem]"
            >
              {t("home.hero.title")}
            </h1>
            <p className="mt-6 max-w-xl text-lg leading-8 text-pretty text-slate-600">{t("home.hero.lead")}</p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Link href="/signup" className={buttonClasses("primary", "lg")}>
                {t("home.hero.primary")}
                <Icon name="arrowRight" className="size-4" />
              </Link>
              <Link href={marketingPath("features", locale)} className={buttonClasses("secondary", "lg")}>
                {t("home.hero.secondary")}
              </Link>
            </div>
            <ul className="mt-8 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-600">
              {points.map((point) => (
                <li key={point} className="flex items-center gap-2">
                  <Icon name="check" className="size-4 text-brand-600" />
                  {point}
                </li>
              ))}
            </ul>
          </div>
          <ChatWidgetMock t={t} />
        </div>
      </section>

      <div className="border-y border-slate-200 bg-slate-50/60">
        <ul className={cn(CONTAINER, "grid gap-6 py-8 sm:grid-cols-2 lg:grid-cols-4")}>
          {facts.map((fact, i) => (
            <li key={fact.title} className="flex items-start gap-3">
              <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-white text-brand-600 shadow-sm ring-1 ring-slate-200">
                <Icon name={FACT_ICONS[i % FACT_ICONS.length]!} />
              </span>
              <span>
                <span className="block text-sm font-semibold text-slate-900">{fact.title}</span>
                <span className="block text-sm text-slate-600">{fact.body}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>

      <Section labelledBy="features-title">
        <SectionHeading id="features-title" title={t("home.features.title")} lead={t("home.features.lead")} />
        <ul className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <InfoCard
              key={feature.title}
              marker={<IconTile name={isIconName(feature.icon) ? feature.icon : "sparkles"} />}
              title={feature.title}
              body={feature.body}
              className="transition-shadow hover:shadow-md"
            />
          ))}
        </ul>
        <MoreLink href={marketingPath("features", locale)} className="mt-10">
          {t("home.hero.secondary")}
        </MoreLink>
      </Section>

      <Section labelledBy="steps-title" className="bg-slate-50">
        <SectionHeading id="steps-title" title={t("home.steps.title")} lead={t("home.steps.lead")} />
        <ol className="mt-14 grid gap-6 lg:grid-cols-3">
          {steps.map((step, i) => (
            <InfoCard
              key={step.title}
              marker={
                <span
                  aria-hidden="true"
                  className="flex size-10 items-center justify-center rounded-full bg-brand-600 text-base font-bold text-white"
                >
                  {i + 1}
                </span>
              }
              title={step.title}
              body={step.body}
              className="relative"
            />
          ))}
        </ol>
        <figure className="mx-auto mt-10 max-w-3xl">
          <figcaption className="mb-2 text-sm font-medium text-slate-600">{t("home.steps.snippetLabel")}</figcaption>
          <Snippet code={embedSnippet(env().baseUrl, locale === "de" ? "IHRE-BOT-ID" : "YOUR-BOT-ID")} label={t("home.steps.snippetLabel")} />
        </figure>
      </Section>

      <section aria-labelledby="privacy-title" className="bg-slate-950 py-16 sm:py-24">
        <div className={cn(CONTAINER, "grid gap-12 lg:grid-cols-2 lg:items-center")}>
          <div>
            <SectionHeading
              id="privacy-title"
              eyebrow={t("home.privacy.eyebrow")}
              title={t("home.privacy.title")}
              lead={t("home.privacy.lead")}
              align="left"
              tone="dark"
            />
            <Link
              href={marketingPath("privacy", locale)}
              className="mt-8 inline-flex items-center gap-1.5 rounded font-semibold text-brand-300 hover:text-white"
            >
              {t("home.privacy.link")}
              <Icon name="arrowRight" className="size-4" />
            </Link>
          </div>
          <ul className="space-y-4">
            {privacyItems.map((item) => (
              <li key={item} className="flex gap-3 rounded-xl bg-white/5 p-4 text-[0.9375rem] leading-6 text-slate-200 ring-1 ring-white/10">
                <Icon name="shield" className="mt-0.5 text-brand-300" />
                {item}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <Section labelledBy="plans-title">
        <SectionHeading
          id="plans-title"
          title={t("home.plans.title")}
          lead={t("home.plans.lead", { percent: maxDiscountPercent() })}
        />
        <div className="mt-12">
          <PlanCards locale={locale} />
        </div>
        <MoreLink href={marketingPath("pricing", locale)} className="mt-10">
          {t("home.plans.more")}
        </MoreLink>
      </Section>

      <Section labelledBy="faq-title" className="bg-slate-50">
        <div className="grid gap-10 lg:grid-cols-[1fr_1.6fr]">
          <div>
            <SectionHeading id="faq-title" title={t("home.faq.title")} lead={t("home.faq.lead")} align="left" />
            <Link href={marketingPath("faq", locale)} className={buttonClasses("secondary", "md", "mt-8")}>
              {t("home.faq.more")}
            </Link>
          </div>
          <FaqAccordion items={faq} />
        </div>
      </Section>

      <div className="bg-slate-50 pt-2">
        <CtaSection locale={locale} />
      </div>
    </MarketingShell>
  );
}
