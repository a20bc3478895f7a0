import Link from "next/link";
import { marketingPath, type TLocale } from "@/lib/i18n/locale";
import type { TOperatorDetails } from "@/lib/site/operator";
import { marketingT } from "../t";
import { OperatorAddress, OperatorMissingNotice } from "./operator-details";

/** The imprint: operator details from configuration, then the fixed notices. */
export async function ImprintContent({ locale, operator }: { locale: TLocale; operator: TOperatorDetails }) {
  const t = await marketingT(locale);
  const complete = operator.missing.length === 0;
  return (
    <>
      {complete ? (
        <>
          <h2>{t("imprint.provider")}</h2>
          <OperatorAddress locale={locale} operator={operator} />
          {operator.representative && (
            <>
              <h3>{t("imprint.representative")}</h3>
              <p className="!mt-2">{operator.representative}</p>
            </>
          )}
          {operator.register && (
            <>
              <h3>{t("imprint.register")}</h3>
              <p className="!mt-2">{operator.register}</p>
            </>
          )}
          {operator.vatId && (
            <>
              <h3>{t("imprint.vatId")}</h3>
              <p className="!mt-2">{operator.vatId}</p>
            </>
          )}
          <h3>{t("imprint.responsible")}</h3>
          <p className="!mt-2">
            {operator.representative ?? operator.name}
            {operator.addressLines.length > 0 && <>, {operator.addressLines.join(", ")}</>}
          </p>
        </>
      ) : (
        <OperatorMissingNotice locale={locale} missing={operator.missing} />
      )}

      <h2>{t("imprint.disputeTitle")}</h2>
      <p>{t("imprint.dispute")}</p>

      <h2>{t("imprint.customerContentTitle")}</h2>
      <p>{t("imprint.customerContent")}</p>

      <h2>{t("imprint.liabilityTitle")}</h2>
      <p>{t("imprint.liability")}</p>

      <p className="!mt-12 text-sm text-slate-500">
        <Link href={marketingPath("privacy", locale)}>{t("footer.privacy")}</Link>
        {" · "}
        <Link href={marketingPath("terms", locale)}>{t("footer.terms")}</Link>
      </p>
    </>
  );
}
