import Link from "next/link";
import type { ReactNode } from "react";
import { Wordmark } from "./wordmark";
import { cn } from "@/components/ui/cn";
import { marketingPath, type TLocale, type TMarketingRouteKey } from "@/lib/i18n/locale";
import { CONTAINER, marketingT } from "./t";

function FooterLink({ href, children, ...rest }: { href: string; children: ReactNode; hrefLang?: string; lang?: string; "aria-current"?: "page" }) {
  return (
    <Link href={href} className="rounded text-sm text-slate-400 transition-colors hover:text-white aria-[current=page]:font-semibold aria-[current=page]:text-white" {...rest}>
      {children}
    </Link>
  );
}

export async function SiteFooter({ locale, routeKey }: { locale: TLocale; routeKey: TMarketingRouteKey }) {
  const t = await marketingT(locale);
  const columns = [
    {
      title: t("footer.product"),
      links: [
        { href: marketingPath("features", locale), label: t("nav.features") },
        { href: marketingPath("pricing", locale), label: t("nav.pricing") },
        { href: marketingPath("faq", locale), label: t("nav.faq") },
        { href: "/signup", label: t("nav.signup") },
        { href: "/login", label: t("nav.login") },
      ],
    },
    {
      title: t("footer.legal"),
      links: [
        { href: marketingPath("privacy", locale), label: t("footer.privacy") },
        { href: marketingPath("imprint", locale), label: t("footer.imprint") },
        { href: marketingPath("terms", locale), label: t("footer.terms") },
      ],
    },
  ];
  const languages = [
    { locale: "de" as const, label: t("footer.german") },
    { locale: "en" as const, label: t("footer.english") },
  ];

  return (
    <footer className="bg-slate-950 text-slate-300">
      <div className={cn(CONTAINER, "grid grid-cols-2 gap-10 py-14 lg:grid-cols-[2fr_1fr_1fr_1fr]")}>
        <div className="col-span-2 max-w-sm lg:col-span-1">
          <Link href={marketingPath("home", locale)} aria-label={t("nav.home")} className="inline-block rounded-lg">
            <Wordmark className="text-white" />
          </Link>
          <p className="mt-4 text-sm leading-6 text-slate-400">{t("footer.tagline")}</p>
        </div>
        {columns.map((column) => (
          <nav key={column.title} aria-label={column.title}>
            <h2 className="text-sm font-semibold text-white">{column.title}</h2>
            <ul className="mt-4 space-y-3">
              {column.links.map((link) => (
                <li key={link.href}>
                  <FooterLink href={link.href}>{link.label}</FooterLink>
                </li>
              ))}
            </ul>
          </nav>
        ))}
        <nav aria-label={t("footer.language")}>
          <h2 className="text-sm font-semibold text-white">{t("footer.language")}</h2>
          <ul className="mt-4 space-y-3">
            {languages.map((language) => (
              <li key={language.locale}>
                <FooterLink
                  href={marketingPath(routeKey, language.locale)}
                  hrefLang={language.locale}
                  lang={language.locale}
                  aria-current={language.locale === locale ? "page" : undefined}
                >
                  {language.label}
                </FooterLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="border-t border-white/10">
        <p className={cn(CONTAINER, "py-6 text-xs text-slate-500")}>
          {t("footer.copyright", { year: new Date().getFullYear() })}
        </p>
      </div>
    </footer>
  );
}
