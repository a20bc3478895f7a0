import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { marketingPath, type TLocale } from "@/lib/i18n/locale";
import { FaqAccordion } from "../faq/faq-accordion";
import { FaqHashOpener } from "../faq/faq-hash-opener";
import { getFaq } from "../faq/get-faq";
import { MarketingShell } from "../marketing-shell";
import { CtaSection, PageHero } from "../sections";
import { CONTAINER, marketingT } from "../t";

export async function FaqPage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const categories = await getFaq(locale);

  return (
    <MarketingShell locale={locale} routeKey="faq">
      <PageHero eyebrow={t("faq.hero.eyebrow")} title={t("faq.hero.title")} lead={t("faq.hero.lead")} />
      <FaqHashOpener />
      <div className={cn(CONTAINER, "grid gap-10 py-12 sm:py-16 lg:grid-cols-[14rem_1fr] lg:gap-14")}>
        <nav aria-label={t("faq.jump")} className="lg:sticky lg:top-24 lg:self-start">
          <h2 className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{t("faq.jump")}</h2>
          <ul className="mt-3 flex flex-wrap gap-2 lg:flex-col lg:gap-1">
            {categories.map((category) => (
              <li key={category.id}>
                <a
                  href={`#${category.id}`}
                  className="inline-flex rounded-full bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:text-brand-700 lg:w-full lg:rounded-lg lg:bg-transparent lg:ring-0 lg:hover:bg-slate-100"
                >
                  {category.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 space-y-12">
          {categories.map((category) => (
            <section key={category.id} id={category.id} aria-labelledby={`${category.id}-title`} className="scroll-mt-24">
              <h2 id={`${category.id}-title`} className="mb-5 text-2xl font-bold tracking-tight text-slate-900">
                {category.title}
              </h2>
              <FaqAccordion items={category.items} />
            </section>
          ))}
          <div className="rounded-2xl bg-brand-50 p-6 ring-1 ring-brand-100 sm:p-8">
            <p className="text-base leading-7 text-slate-700">{t("faq.notFound")}</p>
            <div className="mt-5 flex flex-col gap-3 sm:flex-row">
              <Link href="/signup" className={buttonClasses("primary", "md")}>
                {t("nav.signup")}
              </Link>
              <Link href={marketingPath("imprint", locale)} className={buttonClasses("secondary", "md")}>
                {t("footer.imprint")}
              </Link>
            </div>
          </div>
        </div>
      </div>
      <CtaSection locale={locale} />
    </MarketingShell>
  );
}
