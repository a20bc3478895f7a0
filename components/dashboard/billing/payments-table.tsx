import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/feedback";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { TPaymentStatus } from "@/lib/billing/list-payments";
import { eurosExact, type TMoneyLocale } from "./money";

export type TPaymentView = {
  id: string;
  status: TPaymentStatus;
  amountCents: number;
  hasInvoice: boolean;
  createdAt: string;
};

const TONE: Record<TPaymentStatus, "neutral" | "warning" | "success" | "danger"> = {
  pending: "neutral",
  processing: "warning",
  paid: "success",
  failed: "danger",
  abandoned: "neutral",
  partially_refunded: "warning",
  refunded: "neutral",
  disputed: "danger",
};

/** Top-ups with their status and, once Stripe has issued it, a link to the invoice PDF. */
export function PaymentsTable({ slug, payments }: { slug: string; payments: TPaymentView[] }) {
  const t = useTranslations("dashboard.billing.payments");
  const format = useFormatter();
  const locale = useLocale() as TMoneyLocale;
  return (
    <Table label={t("title")}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("columns.date")}</Th>
          <Th className="text-right">{t("columns.amount")}</Th>
          <Th className="hidden sm:table-cell">{t("columns.status")}</Th>
          <Th className="text-right">
            <span className="sr-only sm:not-sr-only">{t("columns.invoice")}</span>
          </Th>
        </tr>
      </thead>
      <TBody>
        {payments.map((p) => {
          const date = format.dateTime(new Date(p.createdAt), { dateStyle: "medium" });
          return (
            <tr key={p.id}>
              <Td className="whitespace-nowrap align-top">
                {date}
                <span className="mt-1 block sm:hidden">
                  <Badge tone={TONE[p.status]}>{t(`status.${p.status}`)}</Badge>
                </span>
              </Td>
              <Td className="whitespace-nowrap text-right align-top font-medium tabular-nums text-slate-900">{eurosExact(p.amountCents, locale)}</Td>
              <Td className="hidden align-top sm:table-cell">
                <Badge tone={TONE[p.status]}>{t(`status.${p.status}`)}</Badge>
              </Td>
              <Td className="text-right align-top">
                {p.hasInvoice ? (
                  <a
                    href={`/api/workspaces/${slug}/billing/payments/${p.id}/invoice`}
                    target="_blank"
                    rel="noopener"
                    aria-label={t("invoiceLabel", { date })}
                    className="inline-flex items-center gap-1 rounded font-medium text-brand-700 hover:text-brand-800 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
                  >
                    <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M12 12v6m0 0-3-3m3 3 3-3" />
                    </svg>
                    {t("invoice")}
                  </a>
                ) : (
                  <>
                    <span className="text-slate-400" aria-hidden="true">
                      –
                    </span>
                    <span className="sr-only">{t("noInvoice")}</span>
                  </>
                )}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
