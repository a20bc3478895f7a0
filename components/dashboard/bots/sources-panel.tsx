"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { deleteSourceAction, refreshSourceAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, EmptyState } from "@/components/ui/feedback";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { AddSource } from "./add-source";
import { SourceDocuments } from "./source-documents";

type TSource = { id: string; type: string; name: string; status: string; error?: string; documentCount: number; chunkCount: number; failedCount: number; lastRunAt: string | null };

const TONE = { queued: "neutral", processing: "brand", ready: "success", failed: "danger" } as const;

/** Sources with live status: while any is queued or processing the page refreshes itself. */
export function SourcesPanel({ slug, botId, sources }: { slug: string; botId: string; sources: TSource[] }) {
  const t = useTranslations("dashboard.bots");
  const format = useFormatter();
  const router = useRouter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [deleting, setDeleting] = useState<TSource | null>(null);
  const busy = sources.some((s) => s.status === "queued" || s.status === "processing");
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [busy, router]);

  return (
    <Card>
      <CardHeader title={t("sourcesTitle")} description={t("sourcesText")} actions={<AddSource slug={slug} botId={botId} />} />
      {sources.length === 0 ? (
        <EmptyState title={t("sourcesEmptyTitle")} description={t("sourcesEmptyText")} />
      ) : (
        <Table label={t("sourcesTitle")}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t("source")}</Th>
              <Th>{t("status")}</Th>
              <Th className="hidden sm:table-cell">{t("indexed")}</Th>
              <Th>
                <span className="sr-only">{t("actions")}</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {sources.map((s) => (
              <tr key={s.id}>
                <Td>
                  <div className="font-medium text-slate-900">{s.name}</div>
                  <div className="text-xs text-slate-500">
                    {t(`type.${s.type}`)}
                    {s.failedCount > 0 && <span className="text-red-600"> · {t("failedDocs", { count: s.failedCount })}</span>}
                  </div>
                  {(s.type === "url" || s.type === "file" || s.failedCount > 0) && <SourceDocuments slug={slug} botId={botId} sourceId={s.id} />}
                </Td>
                <Td>
                  <Badge tone={TONE[s.status as keyof typeof TONE] ?? "neutral"}>{t(`state.${s.status}`)}</Badge>
                  {s.error && <p className="mt-1 max-w-xs text-xs text-red-600">{s.error}</p>}
                </Td>
                <Td className="hidden sm:table-cell">
                  {t("docsChunks", { documents: s.documentCount, chunks: s.chunkCount })}
                  {s.lastRunAt && <div className="text-xs text-slate-500">{format.relativeTime(new Date(s.lastRunAt), new Date())}</div>}
                </Td>
                <Td className="whitespace-nowrap text-right">
                  {(s.status === "ready" || s.status === "failed") && s.type !== "text" && s.type !== "qa" && (
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => start(async () => void (await refreshSourceAction(slug, { botId, sourceId: s.id })))}>
                      {t("refresh")}
                    </Button>
                  )}
                  <Button variant="ghost" size="sm" onClick={() => setDeleting(s)}>
                    {t("delete")}
                  </Button>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("deleteSourceTitle")}
        description={t("deleteSourceText", { name: deleting?.name ?? "" })}
        cancelLabel={t("cancel")}
        confirmLabel={t("delete")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!deleting) return;
            const result = await deleteSourceAction(slug, { botId, sourceId: deleting.id });
            setDeleting(null);
            toast.show(result.ok ? t("sourceDeleted") : result.error.message, result.ok ? "success" : "error");
          })
        }
      />
    </Card>
  );
}
