import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/auth/language-switch";
import { Logo } from "@/components/ui/logo";
import { isLocale, marketingPath } from "@/lib/i18n/locale";

export const metadata: Metadata = {
  robots: { index: false, follow: false },
};

/** Shared frame of the sign-in screens: logo, one centred column, language and legal links. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const [t, current] = await Promise.all([getTranslations("auth.layout"), getLocale()]);
  const locale = isLocale(current) ? current : "de";
  return (
    <div className="relative isolate flex min-h-dvh flex-col bg-slate-50">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-[28rem] bg-[radial-gradient(60rem_24rem_at_50%_-6rem,var(--color-brand-100),transparent)]"
      />
      <header className="flex justify-center px-4 pt-10 sm:pt-16">
        <Link href="/" aria-label={t("home")} className="inline-flex rounded-lg">
          <Logo className="text-lg" />
        </Link>
      </header>
      <main className="flex flex-1 justify-center px-4 pt-8 pb-12 sm:pt-10">
        <div className="w-full max-w-[25rem]">{children}</div>
      </main>
      <footer className="flex flex-col items-center gap-3 px-4 pb-8 text-xs text-slate-500 sm:flex-row sm:justify-center sm:gap-5">
        <LanguageSwitch current={locale} label={t("language")} />
        <nav aria-label={t("legal")} className="flex items-center gap-4">
          <Link href={marketingPath("privacy", locale)} className="hover:text-slate-800">
            {t("privacy")}
          </Link>
          <Link href={marketingPath("imprint", locale)} className="hover:text-slate-800">
            {t("imprint")}
          </Link>
          <span aria-hidden="true">© Chatwerk</span>
        </nav>
      </footer>
    </div>
  );
}
