import type { ReactNode } from "react";
import type { TLocale, TMarketingRouteKey } from "@/lib/i18n/locale";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";
import { SiteWidget } from "./site-widget";
import { marketingT } from "./t";

/** Skip link, header, main landmark and footer around every marketing page. */
export async function MarketingShell({
  locale,
  routeKey,
  children,
}: {
  locale: TLocale;
  routeKey: TMarketingRouteKey;
  children: ReactNode;
}) {
  const t = await marketingT(locale);
  return (
    <div className="flex min-h-dvh flex-col bg-white">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-brand-700 px-4 py-2 font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        {t("nav.skip")}
      </a>
      <SiteHeader locale={locale} routeKey={routeKey} />
      <main id="main" tabIndex={-1} className="flex-1 scroll-mt-20 focus:outline-none">
        {children}
      </main>
      <SiteFooter locale={locale} routeKey={routeKey} />
      <SiteWidget />
    </div>
  );
}
