import { env } from "@/lib/config/env";
import type { TLocale } from "@/lib/i18n/locale";
import { getOperatorDetails } from "@/lib/site/operator";
import { ImprintContent } from "../legal/imprint-content";
import { LegalPage } from "../legal/legal-page";
import { PrivacyDe } from "../legal/privacy-de";
import { PrivacyEn } from "../legal/privacy-en";
import { TermsDe } from "../legal/terms-de";
import { TermsEn } from "../legal/terms-en";
import { marketingT } from "../t";

/* These pages read the operator from configuration at request time (their routes are force-dynamic). */

export async function PrivacyPage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const operator = getOperatorDetails();
  const { googleEnabled } = env();
  return (
    <LegalPage locale={locale} routeKey="privacy" title={t("meta.privacy.title")}>
      {locale === "de" ? (
        <PrivacyDe operator={operator} googleEnabled={googleEnabled} />
      ) : (
        <PrivacyEn operator={operator} googleEnabled={googleEnabled} />
      )}
    </LegalPage>
  );
}

export async function ImprintPage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  return (
    <LegalPage locale={locale} routeKey="imprint" title={t("imprint.title")} updated={false}>
      <ImprintContent locale={locale} operator={getOperatorDetails()} />
    </LegalPage>
  );
}

export async function TermsPage({ locale }: { locale: TLocale }) {
  const t = await marketingT(locale);
  const operator = getOperatorDetails();
  return (
    <LegalPage locale={locale} routeKey="terms" title={t("meta.terms.title")}>
      {locale === "de" ? <TermsDe operator={operator} /> : <TermsEn operator={operator} />}
    </LegalPage>
  );
}
