"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteLeadAction } from "@/app/dashboard/[workspace]/leads/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/feedback";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { LeadDetailDialog } from "./lead-detail-dialog";
import type { TLeadView } from "./types";

/** Visitors wrote every value shown here: React renders it as text, never as HTML. */
export function LeadsTable({
  slug,
  leads,
  fieldLabels,
  canDelete,
}: {
  slug: string;
  leads: TLeadView[];
  /** Pre-chat field labels by bot id, then field key. */
  fieldLabels: Record<string, Record<string, string>>;
  canDelete: boolean;
}) {
  const t = useTranslations("dashboard.leads");
  const format = useFormatter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [open, setOpen] = useState<TLeadView | null>(null);
  const [deleting, setDeleting] = useState<TLeadView | null>(null);
  const who = (lead: TLeadView) => lead.name || lead.email || t("anonymous");

  return (
    <>
      <Table label={t("listTitle")}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t("columns.date")}</Th>
            <Th>{t("columns.name")}</Th>
            <Th className="hidden md:table-cell">{t("columns.email")}</Th>
            <Th className="hidden lg:table-cell">{t("columns.phone")}</Th>
            <Th className="hidden sm:table-cell">{t("columns.source")}</Th>
            <Th className="hidden xl:table-cell">{t("columns.bot")}</Th>
            <Th className="hidden lg:table-cell">{t("columns.message")}</Th>
          </tr>
        </thead>
        <TBody>
          {leads.map((lead) => (
            <tr key={lead.id} onClick={() => setOpen(lead)} className="cursor-pointer hover:bg-slate-50">
              <Td className="whitespace-nowrap">
                <button
                  type="button"
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpen(lead);
                  }}
                  aria-label={t("openDetails", { name: who(lead) })}
                  className="rounded text-left font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  {format.dateTime(new Date(lead.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                </button>
              </Td>
              <Td className="max-w-48 truncate">{lead.name || <span className="text-slate-400">–</span>}</Td>
              <Td className="hidden max-w-56 truncate md:table-cell">{lead.email || <span className="text-slate-400">–</span>}</Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">{lead.phone || <span className="text-slate-400">–</span>}</Td>
              <Td className="hidden sm:table-cell">
                <Badge tone={lead.source === "offline_form" ? "warning" : "neutral"}>{t(`sources.${lead.source === "offline_form" ? "offline_form" : "prechat"}`)}</Badge>
              </Td>
              <Td className="hidden max-w-40 truncate xl:table-cell">{lead.botName ?? <span className="text-slate-400">{t("deletedBot")}</span>}</Td>
              <Td className="hidden max-w-72 truncate text-slate-500 lg:table-cell">{lead.message ?? ""}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
      <LeadDetailDialog
        lead={open}
        labels={open?.botId ? (fieldLabels[open.botId] ?? {}) : {}}
        onClose={() => setOpen(null)}
        onDelete={
          canDelete
            ? (lead) => {
                setOpen(null);
                setDeleting(lead);
              }
            : undefined
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("deleteTitle")}
        description={t("deleteText", { name: deleting ? who(deleting) : "" })}
        cancelLabel={t("cancel")}
        confirmLabel={t("delete")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!deleting) return;
            const result = await deleteLeadAction(slug, { leadId: deleting.id });
            setDeleting(null);
            toast.show(result.ok ? t("deleted") : result.error.message, result.ok ? "success" : "error");
          })
        }
      />
    </>
  );
}
