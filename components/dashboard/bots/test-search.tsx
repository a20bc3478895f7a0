"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { testSearchAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/feedback";
import { Input } from "@/components/ui/field";

type TResult = { chunkId: string; title: string; url: string | null; text: string; score: number };

/** Ask what a visitor would ask and see the ranked passages the bot would answer from. */
export function TestSearch({ slug, botId }: { slug: string; botId: string }) {
  const t = useTranslations("dashboard.bots");
  const [pending, start] = useTransition();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<{ items: TResult[]; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader title={t("testSearch")} description={t("testSearchText")} />
      <CardBody className="space-y-4">
        <form
          role="search"
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            start(async () => {
              const result = await testSearchAction(slug, { botId, query });
              if (!result.ok) return setError(result.error.message);
              setResults({ items: result.data.results, ms: result.data.ms });
            });
          }}
        >
          <Input aria-label={t("testSearch")} placeholder={t("testSearchPlaceholder")} value={query} onChange={(e) => setQuery(e.target.value)} maxLength={1000} required />
          <Button type="submit" loading={pending}>
            {t("search")}
          </Button>
        </form>
        {error && <Alert tone="danger">{error}</Alert>}
        {results && (
          <div aria-live="polite">
            <p className="text-xs text-slate-500">{t("resultsMeta", { count: results.items.length, ms: results.ms })}</p>
            {results.items.length === 0 ? (
              <p className="mt-3 text-sm text-slate-600">{t("noResults")}</p>
            ) : (
              <ol className="mt-3 space-y-3" data-testid="search-results">
                {results.items.map((r, i) => (
                  <li key={r.chunkId} className="rounded-lg p-3 ring-1 ring-slate-200">
                    <div className="flex items-baseline justify-between gap-3">
                      <p className="text-sm font-semibold text-slate-900">
                        {i + 1}. {r.title}
                      </p>
                      <span className="shrink-0 font-mono text-xs text-slate-400">{r.score.toFixed(4)}</span>
                    </div>
                    <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{r.text}</p>
                    {r.url && <p className="mt-1 truncate text-xs text-brand-600">{r.url}</p>}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
