import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { PLAN_NAMES, type TPlanId } from "@/lib/plans/plans";
import { eurosExact, type TMoneyLocale } from "./money";

export type TLedgerView = {
  id: string;
  kind: string;
  amountCents: number;
  balanceAfterCents: number | null;
  description: string;
  reference: Record<string, unknown>;
  createdAt: string;
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** A line in the reader's language from what the entry refers to; admins' reasons as written. */
function useEntryDetail(): (e: TLedgerView) => string | null {
  const t = useTranslations("dashboard.billing.ledger");
  const format = useFormatter();
  const day = (iso: string | undefined) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeZone: "UTC" }) : "");
  return (e) => {
    const r = e.reference;
    switch (e.kind) {
      case "usage":
        return str(r.model) ? t("details.usage", { model: str(r.model)! }) : null;
      case "plan": {
        const plan = str(r.plan) as TPlanId | undefined;
        const months = num(r.months);
        if (!plan || !PLAN_NAMES[plan] || !months) return null;
        return t("details.plan", { plan: PLAN_NAMES[plan], months, start: day(str(r.startsAt)), end: day(str(r.endsAt)) });
      }
      case "addon":
        if (num(r.extraSeats)) return t("details.addonSeats", { count: num(r.extraSeats)! });
        if (r.brandingAddon === true) return t("details.addonBranding");
        return null;
      case "adjustment":
        return e.description;
      case "top_up":
      case "refund":
      case "dispute":
      case "dispute_reinstated":
      case "plan_credit":
        return t(`details.${e.kind}`);
      default:
        return e.description;
    }
  };
}

/** The statement: signed amounts (credits green, debits neutral) and the balance after each entry. */
export function LedgerTable({ entries }: { entries: TLedgerView[] }) {
  const t = useTranslations("dashboard.billing.ledger");
  const detail = useEntryDetail();
  return (
    <Table label={t("title")}>
      <thead className="bg-slate-50">
        <tr>
          <Th className="hidden sm:table-cell">{t("columns.date")}</Th>
          <Th>{t("columns.entry")}</Th>
          <Th className="text-right">{t("columns.amount")}</Th>
          <Th className="hidden text-right sm:table-cell">{t("columns.balanceAfter")}</Th>
        </tr>
      </thead>
      <TBody>
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} detail={detail(e)} />
        ))}
      </TBody>
    </Table>
  );
}

function EntryRow({ entry: e, detail }: { entry: TLedgerView; detail: string | null }) {
  const t = useTranslations("dashboard.billing.ledger");
  const format = useFormatter();
  const locale = useLocale() as TMoneyLocale;
  const credit = e.amountCents > 0;
  const at = new Date(e.createdAt);
  return (
    <tr>
      <Td className="hidden whitespace-nowrap align-top sm:table-cell">
        <span className="block text-slate-900">{format.dateTime(at, { dateStyle: "medium" })}</span>
        <span className="block text-xs text-slate-500">{format.dateTime(at, { timeStyle: "short" })}</span>
      </Td>
      <Td className="align-top">
        <span className="block font-medium text-slate-900">{t.has(`kinds.${e.kind}`) ? t(`kinds.${e.kind}`) : e.kind}</span>
        {detail && <span className="block max-w-md text-xs break-words text-slate-500">{detail}</span>}
        <span className="block text-xs text-slate-500 sm:hidden">{format.dateTime(at, { dateStyle: "medium", timeStyle: "short" })}</span>
      </Td>
      <Td className="whitespace-nowrap text-right align-top">
        <span className={`font-semibold tabular-nums ${credit ? "text-emerald-700" : "text-rose-700"}`}>
          <span className="sr-only">{credit ? t("credit") : t("debit")}: </span>
          {eurosExact(e.amountCents, locale, { signed: true })}
        </span>
        {e.balanceAfterCents !== null && (
          <span className="block text-xs tabular-nums text-slate-500 sm:hidden">{t("balanceAfterShort", { amount: eurosExact(e.balanceAfterCents, locale) })}</span>
        )}
      </Td>
      <Td className="hidden whitespace-nowrap text-right align-top tabular-nums text-slate-600 sm:table-cell">
        {e.balanceAfterCents === null ? "–" : eurosExact(e.balanceAfterCents, locale)}
      </Td>
    </tr>
  );
}
