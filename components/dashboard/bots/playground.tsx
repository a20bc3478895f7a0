"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runPlaygroundAction } from "@/app/dashboard/[workspace]/bots/[botId]/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert, Skeleton } from "@/components/ui/feedback";
import { Field, fieldAria, Textarea } from "@/components/ui/field";
import type { TPlaygroundResult } from "@/lib/bots/run-playground";
import { PlaygroundResult } from "./playground-result";

/** Ask the bot like a visitor would, with the saved settings, and see how the answer came about. */
export function Playground({ slug, botId }: { slug: string; botId: string }) {
  const t = useTranslations("dashboard.playground");
  const [pending, start] = useTransition();
  const [question, setQuestion] = useState("");
  const [result, setResult] = useState<TPlaygroundResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const ask = () =>
    start(async () => {
      setError(null);
      const response = await runPlaygroundAction(slug, { botId, question });
      if (!response.ok) return setError(response.error.field === "question" ? t("questionInvalid") : response.error.message);
      setResult(response.data);
    });

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-5">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (question.trim()) ask();
          }}
        >
          <Field id="pg-question" label={t("question")} hint={t("questionHint")}>
            <Textarea
              {...fieldAria("pg-question", null, true)}
              rows={2}
              maxLength={1000}
              required
              placeholder={t("questionPlaceholder")}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                  e.preventDefault();
                  if (question.trim() && !pending) ask();
                }
              }}
              className="min-h-0"
            />
          </Field>
          <div className="flex justify-end">
            <Button type="submit" loading={pending} disabled={!question.trim()}>
              {t("ask")}
            </Button>
          </div>
        </form>
        {error && <Alert tone="danger">{error}</Alert>}
        <div aria-live="polite" aria-busy={pending || undefined}>
          {pending ? (
            <div className="space-y-2 rounded-lg p-4 ring-1 ring-slate-200">
              <span className="sr-only">{t("thinking")}</span>
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-4 w-full" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          ) : result ? (
            <PlaygroundResult result={result} />
          ) : (
            <p className="text-sm text-slate-500">{t("empty")}</p>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
