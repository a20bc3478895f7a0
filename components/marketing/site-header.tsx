import Link from "next/link";
import { Wordmark } from "./wordmark";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { marketingPath, type TLocale, type TMarketingRouteKey } from "@/lib/i18n/locale";
import { Icon } from "./icons";
import { MobileMenu } from "./mobile-menu";
import { NavLinks } from "./nav-links";
import { CONTAINER, marketingT } from "./t";

const NAV_KEYS = ["features", "pricing", "faq"] as const;

export async function SiteHeader({ locale, routeKey }: { locale: TLocale; routeKey: TMarketingRouteKey }) {
  const t = await marketingT(locale);
  const other: TLocale = locale === "de" ? "en" : "de";
  const nav = NAV_KEYS.map((key) => ({
    key,
    href: marketingPath(key, locale),
    label: t(`nav.${key}`),
    current: key === routeKey,
  }));
  const switchHref = marketingPath(routeKey, other);

  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
      <div className={cn(CONTAINER, "flex h-16 items-center gap-4")}>
        <Link href={marketingPath("home", locale)} aria-label={t("nav.home")} className="-m-1 rounded-lg p-1">
          <Wordmark className="text-slate-900" />
        </Link>
        <nav aria-label={t("nav.main")} className="ml-6 hidden md:block">
          <NavLinks
            items={nav}
            listClassName="flex items-center gap-1"
            linkClassName={{
              base: "rounded-lg px-3 py-2 text-sm font-medium transition-colors",
              current: "text-brand-700",
              other: "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            }}
          />
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <Link
            href={switchHref}
            hrefLang={other}
            lang={other}
            aria-label={t("nav.switchLabel")}
            className="inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            <Icon name="globe" className="size-4" />
            <span>{t("nav.switchShort")}</span>
          </Link>
          <span className="hidden md:contents">
            <Link href="/login" className={buttonClasses("ghost", "md")}>
              {t("nav.login")}
            </Link>
          </span>
          <span className="hidden sm:contents">
            <Link href="/signup" className={buttonClasses("primary", "md")}>
              {t("nav.signup")}
            </Link>
          </span>
          <MobileMenu
            labels={{ open: t("nav.openMenu"), close: t("nav.closeMenu"), nav: t("nav.mobile") }}
            items={nav}
            login={{ href: "/login", label: t("nav.login") }}
            signup={{ href: "/signup", label: t("nav.signup") }}
          />
        </div>
      </div>
    </header>
  );
}
