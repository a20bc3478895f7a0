"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { listDocumentsAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/feedback";

type TDoc = { id: string; title: string; url: string | null; status: string; error: string | null; chunkCount: number };

/** Per-document detail of a source: which pages or files are indexed and why others failed. */
export function SourceDocuments({ slug, botId, sourceId }: { slug: string; botId: string; sourceId: string }) {
  const t = useTranslations("dashboard.bots");
  const [docs, setDocs] = useState<TDoc[] | null>(null);
  const [pending, start] = useTransition();
  if (!docs) {
    return (
      <Button
        variant="ghost"
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const result = await listDocumentsAction(slug, { botId, sourceId });
            if (result.ok) setDocs(result.data);
          })
        }
      >
        {t("showDocuments")}
      </Button>
    );
  }
  return (
    <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto text-xs">
      {docs.length === 0 && <li className="text-slate-500">{t("noDocuments")}</li>}
      {docs.map((d) => (
        <li key={d.id} className="flex items-start gap-2">
          <Badge tone={d.status === "ready" ? "success" : "danger"}>{d.status === "ready" ? d.chunkCount : "!"}</Badge>
          <span className="min-w-0">
            <span className="block truncate text-slate-700">{d.url ?? d.title}</span>
            {d.error && <span className="block text-red-600">{d.error}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
