import type { TLocale } from "@/lib/i18n/locale";
import type { TOperatorDetails } from "@/lib/site/operator";
import { Icon } from "../icons";
import { marketingT } from "../t";

/** Shown instead of invented provider details while the operator is not configured. */
export async function OperatorMissingNotice({ locale, missing }: { locale: TLocale; missing: string[] }) {
  const t = await marketingT(locale);
  const vars = new Intl.ListFormat(locale === "de" ? "de-DE" : "en-GB", { type: "conjunction" }).format(missing);
  return (
    <div role="note" className="not-prose mt-6 flex gap-3 rounded-2xl border-2 border-amber-400 bg-amber-50 p-5 text-amber-950">
      <Icon name="info" className="mt-0.5 size-6 text-amber-600" />
      <div>
        <p className="!mt-0 font-semibold">{t("legal.missingBody", { vars })}</p>
        <p className="!mt-1 text-sm leading-6 text-amber-800">{t("legal.missingHint")}</p>
      </div>
    </div>
  );
}

/** Name, postal address and contact of the operator, as configured. */
export async function OperatorAddress({ locale, operator }: { locale: TLocale; operator: TOperatorDetails }) {
  const t = await marketingT(locale);
  return (
    <address className="mt-4">
      <strong>{operator.name}</strong>
      {operator.addressLines.map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
      {operator.email && (
        <span className="mt-2 block">
          {t("imprint.email")}: <a href={`mailto:${operator.email}`}>{operator.email}</a>
        </span>
      )}
      {operator.phone && (
        <span className="block">
          {t("imprint.phone")}: <a href={`tel:${operator.phone.replace(/[^+\d]/g, "")}`}>{operator.phone}</a>
        </span>
      )}
    </address>
  );
}

/** Either the configured operator or the notice naming the variables to set. */
export async function OperatorBlock({ locale, operator }: { locale: TLocale; operator: TOperatorDetails }) {
  if (operator.missing.length > 0) return <OperatorMissingNotice locale={locale} missing={operator.missing} />;
  return <OperatorAddress locale={locale} operator={operator} />;
}
