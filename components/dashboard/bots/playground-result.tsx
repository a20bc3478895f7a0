"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/feedback";
import { isAnswerProvider } from "@/lib/ai/providers";
import type { TPlaygroundResult } from "@/lib/bots/run-playground";
import { millicentsToEuro } from "./answer-types";

/** Only web links become links; anything else is shown as text. */
function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The answer as plain text (never HTML), its sources, the retrieved passages and what it cost. */
export function PlaygroundResult({ result }: { result: TPlaygroundResult }) {
  const t = useTranslations("dashboard.playground");
  const ta = useTranslations("dashboard.answers");
  const format = useFormatter();
  const { usage } = result;
  const providerName = (p: string) => (isAnswerProvider(p) ? ta(`providers.${p}.name`) : p);
  const metrics = [
    { label: t("model"), value: `${providerName(usage.provider)} · ${usage.model}` },
    { label: t("inputTokens"), value: format.number(usage.inputTokens) },
    { label: t("outputTokens"), value: format.number(usage.outputTokens) },
    { label: t("latency"), value: t("ms", { ms: usage.latencyMs }) },
    { label: t("cost"), value: format.number(millicentsToEuro(usage.costMillicents), { style: "currency", currency: "EUR", minimumFractionDigits: 4, maximumFractionDigits: 4 }) },
  ];

  return (
    <div className="space-y-5" data-testid="playground-result">
      {result.fellBack && (
        <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          {t("fellBack", { provider: providerName(result.configuredProvider) })}
        </p>
      )}
      <div>
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <h3 className="text-sm font-semibold text-slate-900">{t("answer")}</h3>
          {result.status === "failed" ? <Badge tone="danger">{t("interrupted")}</Badge> : !result.confident && <Badge tone="warning">{t("notConfident")}</Badge>}
        </div>
        <div data-testid="playground-answer" className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200">
          {result.text}
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {metrics.map((m) => (
          <div key={m.label} className="min-w-0 rounded-lg px-3 py-2 ring-1 ring-slate-200">
            <dt className="text-xs text-slate-500">{m.label}</dt>
            <dd className="mt-0.5 truncate text-sm font-medium tabular-nums text-slate-900" title={m.value}>
              {m.value}
            </dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="pg-citations">
        <h3 id="pg-citations" className="text-sm font-semibold text-slate-900">
          {t("citations")}
        </h3>
        {result.citations.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">{t("noCitations")}</p>
        ) : (
          <ol className="mt-2 space-y-1 text-sm">
            {result.citations.map((c) => {
              const href = safeHref(c.url);
              return (
                <li key={c.n} className="flex gap-2">
                  <span className="font-mono text-xs leading-5 text-slate-500">[{c.n}]</span>
                  <span className="min-w-0">
                    <span className="text-slate-800">{c.title}</span>
                    {href && (
                      <a href={href} target="_blank" rel="noopener noreferrer" className="block truncate text-xs text-brand-600 hover:underline">
                        {c.url}
                      </a>
                    )}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <details className="group rounded-lg ring-1 ring-slate-200" open={result.chunks.length > 0}>
        <summary className="cursor-pointer list-none px-4 py-3 text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500">
          <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open:rotate-90">
            ›
          </span>
          {t("retrieved", { count: result.chunks.length })}
        </summary>
        {result.chunks.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-500">{t("noChunks")}</p>
        ) : (
          <ol className="space-y-3 px-4 pb-4" data-testid="playground-chunks">
            {result.chunks.map((chunk, i) => (
              <li key={chunk.chunkId} className="rounded-md bg-slate-50 p-3">
                <div className="flex items-baseline justify-between gap-3">
                  <p className="min-w-0 text-sm font-medium text-slate-900">
                    {i + 1}. {chunk.title}
                  </p>
                  <span className="shrink-0 font-mono text-xs text-slate-500" title={t("score")}>
                    <span className="sr-only">{t("score")}: </span>
                    {chunk.score.toFixed(4)}
                  </span>
                </div>
                <p className="mt-1 line-clamp-4 whitespace-pre-line text-xs text-slate-600">{chunk.text}</p>
              </li>
            ))}
          </ol>
        )}
      </details>
    </div>
  );
}
