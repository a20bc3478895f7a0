"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteCannedResponseAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, EmptyState } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import type { TCannedScope } from "@/lib/canned/schemas";
import { CannedFormDialog, type TCannedDraft } from "./canned-form-dialog";

type TRow = { id: string; scope: TCannedScope; departmentId: string | null; departmentName: string | null; ownerUserId: string | null; shortcut: string; title: string; text: string };

const SCOPE_TONE = { workspace: "brand", department: "neutral", operator: "success" } as const;

export function CannedList({
  slug,
  isAdmin,
  selfId,
  filtered,
  departments,
  responses,
}: {
  slug: string;
  isAdmin: boolean;
  selfId: string;
  filtered: boolean;
  departments: { id: string; name: string }[];
  responses: TRow[];
}) {
  const t = useTranslations("dashboard.operators.canned");
  const toast = useToast();
  const [pending, start] = useTransition();
  const [draft, setDraft] = useState<TCannedDraft | null>(null);
  const [deleting, setDeleting] = useState<TRow | null>(null);
  const canEdit = (r: TRow) => (r.scope === "operator" ? r.ownerUserId === selfId : isAdmin);
  const blank: TCannedDraft = { scope: isAdmin ? "workspace" : "operator", departmentId: departments[0]?.id ?? "", shortcut: "", title: "", text: "" };

  return (
    <>
      <div className="flex flex-col gap-2 border-b border-slate-200 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600">{isAdmin ? t("introAdmin") : t("introOperator")}</p>
        <Button size="sm" onClick={() => setDraft(blank)}>
          {t("new")}
        </Button>
      </div>
      {responses.length === 0 ? (
        <EmptyState
          icon={
            <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M4 5h16v11H8l-4 4zM8 9h8M8 12h5" />
            </svg>
          }
          title={filtered ? t("noResultsTitle") : t("emptyTitle")}
          description={filtered ? t("noResultsText") : t("emptyText")}
        />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("title")}>
          {responses.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm text-slate-800">/{r.shortcut}</code>
                  <span className="font-medium text-slate-900">{r.title}</span>
                  <Badge tone={SCOPE_TONE[r.scope]}>{r.scope === "department" ? t("scopeDepartment", { name: r.departmentName ?? "" }) : t(`scopes.${r.scope}`)}</Badge>
                </div>
                <p className="line-clamp-2 text-sm whitespace-pre-line text-slate-600">{r.text}</p>
              </div>
              {canEdit(r) && (
                <div className="-ml-3 flex shrink-0 gap-1 sm:ml-0">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={t("editOf", { shortcut: r.shortcut })}
                    onClick={() => setDraft({ id: r.id, scope: r.scope, departmentId: r.departmentId ?? "", shortcut: r.shortcut, title: r.title, text: r.text })}
                  >
                    {t("edit")}
                  </Button>
                  <Button variant="ghost" size="sm" className="text-red-700! hover:bg-red-50" aria-label={t("deleteOf", { shortcut: r.shortcut })} onClick={() => setDeleting(r)}>
                    {t("delete")}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <CannedFormDialog slug={slug} draft={draft} onClose={() => setDraft(null)} isAdmin={isAdmin} departments={departments} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("deleteTitle", { shortcut: deleting?.shortcut ?? "" })}
        description={t("deleteText")}
        cancelLabel={t("cancel")}
        confirmLabel={t("delete")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!deleting) return;
            const result = await deleteCannedResponseAction(slug, { cannedResponseId: deleting.id });
            setDeleting(null);
            toast.show(result.ok ? t("deleted") : result.error.message, result.ok ? "success" : "error");
          })
        }
      />
    </>
  );
}
