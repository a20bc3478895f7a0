"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { TLeadView } from "./types";

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="col-span-2 text-sm break-words whitespace-pre-wrap text-slate-900">{children}</dd>
    </div>
  );
}

/** Everything a visitor entered, field by field, with the bot's own labels where it still has them. */
export function LeadDetailDialog({
  lead,
  labels,
  onClose,
  onDelete,
}: {
  lead: TLeadView | null;
  labels: Record<string, string>;
  onClose: () => void;
  onDelete?: (lead: TLeadView) => void;
}) {
  const t = useTranslations("dashboard.leads");
  const format = useFormatter();
  const none = <span className="text-slate-400">–</span>;
  const fields = lead ? Object.entries(lead.fields) : [];

  return (
    <Dialog
      open={lead !== null}
      onClose={onClose}
      title={lead ? t("detailTitle", { date: format.dateTime(new Date(lead.createdAt), { dateStyle: "medium", timeStyle: "short" }) }) : ""}
      description={lead ? `${t(`sources.${lead.source === "offline_form" ? "offline_form" : "prechat"}`)} · ${lead.botName ?? t("deletedBot")}` : undefined}
      footer={
        lead && (
          <>
            {onDelete && (
              <Button variant="danger" onClick={() => onDelete(lead)} className="sm:mr-auto">
                {t("delete")}
              </Button>
            )}
            <Button variant="secondary" onClick={onClose}>
              {t("close")}
            </Button>
          </>
        )
      }
    >
      {lead && (
        <div className="max-h-[60vh] overflow-y-auto">
          <dl className="divide-y divide-slate-100">
            <Row label={t("columns.name")}>{lead.name || none}</Row>
            <Row label={t("columns.email")}>{lead.email ? <a className="text-brand-700 underline" href={`mailto:${lead.email}`}>{lead.email}</a> : none}</Row>
            <Row label={t("columns.phone")}>{lead.phone ? <a className="text-brand-700 underline" href={`tel:${lead.phone.replace(/[^\d+]/g, "")}`}>{lead.phone}</a> : none}</Row>
            <Row label={t("columns.message")}>{lead.message || none}</Row>
          </dl>
          {fields.length > 0 && (
            <>
              <h3 className="mt-5 mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("fieldsTitle")}</h3>
              <dl className="divide-y divide-slate-100">
                {fields.map(([key, value]) => (
                  <Row key={key} label={labels[key] ?? <code className="font-mono text-xs">{key}</code>}>
                    {value}
                  </Row>
                ))}
              </dl>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
