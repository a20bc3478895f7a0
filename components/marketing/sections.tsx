import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { marketingPath, type TLocale } from "@/lib/i18n/locale";
import { Icon, type TIconName } from "./icons";
import { CONTAINER, marketingT } from "./t";

export function Eyebrow({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p className={cn("text-sm font-semibold tracking-wide text-brand-600 uppercase", className)}>{children}</p>
  );
}

/** Title block at the top of every page below the home page. */
export function PageHero({ eyebrow, title, lead, children }: { eyebrow: string; title: string; lead?: string; children?: ReactNode }) {
  return (
    <div className="relative overflow-hidden border-b border-slate-200 bg-gradient-to-b from-brand-50/80 to-white">
      <div aria-hidden="true" className="pointer-events-none absolute inset-0 bg-[radial-gradient(circle_at_top_right,var(--color-brand-100),transparent_55%)]" />
      <div className={cn(CONTAINER, "relative py-14 sm:py-20")}>
        <Eyebrow>{eyebrow}</Eyebrow>
        <h1 className="mt-3 max-w-3xl text-3xl font-bold tracking-tight break-words hyphens-auto text-balance text-slate-900 sm:text-5xl">{title}</h1>
        {lead && <p className="mt-5 max-w-2xl text-lg leading-8 text-pretty text-slate-600">{lead}</p>}
        {children}
      </div>
    </div>
  );
}

export function SectionHeading({
  id,
  eyebrow,
  title,
  lead,
  align = "center",
  tone = "light",
}: {
  id?: string;
  eyebrow?: string;
  title: string;
  lead?: string;
  align?: "center" | "left";
  tone?: "light" | "dark";
}) {
  return (
    <div className={cn("max-w-2xl", align === "center" && "mx-auto text-center")}>
      {eyebrow && <Eyebrow className={tone === "dark" ? "text-brand-300" : undefined}>{eyebrow}</Eyebrow>}
      <h2
        id={id}
        className={cn(
          "mt-2 text-2xl font-bold tracking-tight text-balance sm:text-4xl",
          tone === "dark" ? "text-white" : "text-slate-900",
        )}
      >
        {title}
      </h2>
      {lead && (
        <p className={cn("mt-4 text-base leading-7 text-pretty sm:text-lg", tone === "dark" ? "text-slate-300" : "text-slate-600")}>
          {lead}
        </p>
      )}
    </div>
  );
}

export function Section({
  children,
  className,
  labelledBy,
  id,
}: {
  children: ReactNode;
  className?: string;
  labelledBy?: string;
  id?: string;
}) {
  return (
    <section id={id} aria-labelledby={labelledBy} className={cn("scroll-mt-20 py-16 sm:py-24", className)}>
      <div className={CONTAINER}>{children}</div>
    </section>
  );
}

/** Centred "more on this" link with an arrow under a section's content. */
export function MoreLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  return (
    <p className={cn(className, "text-center")}>
      <Link href={href} className="inline-flex items-center gap-1.5 rounded font-semibold text-brand-700 hover:text-brand-800">
        {children}
        <Icon name="arrowRight" className="size-4" />
      </Link>
    </p>
  );
}

/** Icon on a tinted tile, at the top of an InfoCard. */
export function IconTile({ name }: { name: TIconName }) {
  return (
    <span className="flex size-11 items-center justify-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-100">
      <Icon name={name} className="size-6" />
    </span>
  );
}

/** White card in a list of features or steps: a marker (icon tile, step number), a title and a short text. */
export function InfoCard({ marker, title, body, className }: { marker: ReactNode; title: string; body: string; className?: string }) {
  return (
    <li className={cn("rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200", className)}>
      {marker}
      <h3 className="mt-5 text-lg font-semibold text-slate-900">{title}</h3>
      <p className="mt-2 text-[0.9375rem] leading-7 text-slate-600">{body}</p>
    </li>
  );
}

/** Closing call to action shared by all product pages. */
export async function CtaSection({ locale, secondary = "pricing" }: { locale: TLocale; secondary?: "pricing" | "features" }) {
  const t = await marketingT(locale);
  return (
    <section aria-labelledby="cta-title" className={cn(CONTAINER, "pb-16 sm:pb-24")}>
      <div className="relative overflow-hidden rounded-3xl bg-brand-700 px-6 py-14 text-center shadow-xl sm:px-12 sm:py-16">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(circle_at_20%_0%,var(--color-brand-500),transparent_50%),radial-gradient(circle_at_90%_100%,var(--color-brand-900),transparent_55%)]"
        />
        <div className="relative">
          <h2 id="cta-title" className="mx-auto max-w-2xl text-2xl font-bold tracking-tight text-balance text-white sm:text-4xl">
            {t("cta.title")}
          </h2>
          <p className="mx-auto mt-4 max-w-xl text-base leading-7 text-pretty text-brand-100 sm:text-lg">{t("cta.lead")}</p>
          <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
            <Link href="/signup" className={buttonClasses("secondary", "lg")}>
              {t("cta.primary")}
            </Link>
            <Link
              href={marketingPath(secondary, locale)}
              className="inline-flex h-12 items-center justify-center rounded-lg px-6 text-base font-medium text-white ring-1 ring-white/40 transition-colors ring-inset hover:bg-white/10"
            >
              {secondary === "pricing" ? t("cta.secondary") : t("nav.features")}
            </Link>
          </div>
        </div>
      </div>
    </section>
  );
}
