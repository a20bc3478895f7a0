import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-slate-50 px-4 text-center">
      <Link href="/" aria-label="Chatwerk">
        <Logo />
      </Link>
      <p className="mt-10 text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">{t("text")}</p>
      <div className="mt-6 flex gap-3">
        <Link href="/" className={buttonClasses("secondary")}>
          {t("home")}
        </Link>
        <Link href="/dashboard" className={buttonClasses("primary")}>
          {t("dashboard")}
        </Link>
      </div>
    </main>
  );
}
