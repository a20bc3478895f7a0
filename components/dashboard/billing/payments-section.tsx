import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/feedback";
import { OutlineIcon } from "./outline-icon";
import { PaymentsTable, type TPaymentView } from "./payments-table";

/** The top-ups card: the table, or a word on where top-ups will show. */
export function PaymentsSection({ slug, payments }: { slug: string; payments: TPaymentView[] }) {
  const t = useTranslations("dashboard.billing.payments");
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      {payments.length === 0 ? (
        <EmptyState icon={<OutlineIcon path="M3 7h18v10H3zM3 11h18M7 15h3" />} title={t("emptyTitle")} description={t("emptyText")} />
      ) : (
        <PaymentsTable slug={slug} payments={payments} />
      )}
    </Card>
  );
}
