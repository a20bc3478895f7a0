"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateBotEmbeddingAction } from "@/app/dashboard/[workspace]/bots/[botId]/embedding-actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/feedback";
import { Field, Input, Select } from "@/components/ui/field";
import { ANSWER_PROVIDERS } from "@/lib/ai/providers";
import { useToast } from "@/components/ui/toast";

export type TEmbeddingChoice = { provider: string; model: string; dimensions: number[] };

/** The bot's embedding model; saving a different one re-embeds all sources in the background. */
export function EmbeddingSettings({ slug, botId, current, choices }: { slug: string; botId: string; current: { provider: string; model: string; dimensions: number }; choices: TEmbeddingChoice[] }) {
  const t = useTranslations("dashboard.embedding");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [value, setValue] = useState(current);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const models = choices.filter((c) => c.provider === value.provider);
  const known = models.find((c) => c.model === value.model);
  const dims = known?.dimensions ?? [384, 768, 1024, 1536];
  const changed = value.provider !== current.provider || value.model !== current.model || value.dimensions !== current.dimensions;
  const pick = (provider: string) => {
    const first = choices.find((c) => c.provider === provider);
    setValue({ provider, model: first?.model ?? "", dimensions: first?.dimensions[0] ?? 768 });
  };
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const result = await updateBotEmbeddingAction(slug, { botId, ...value });
              if (!result.ok) return setError(result.error);
              setError(null);
              toast.show(t("saved", { count: result.data.requeued }));
              router.refresh();
            });
          }}
        >
          {error && <Alert tone="danger">{error.message}</Alert>}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="embedding-provider" label={t("provider")}>
              <Select id="embedding-provider" value={value.provider} onChange={(e) => pick(e.target.value)}>
                {ANSWER_PROVIDERS.map((p) => (
                  <option key={p} value={p}>
                    {t(`providers.${p}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="embedding-model" label={t("model")}>
              {value.provider === "openai-compatible" ? (
                <Input id="embedding-model" value={value.model} onChange={(e) => setValue({ ...value, model: e.target.value })} placeholder="nomic-embed-text" />
              ) : (
                <Select id="embedding-model" value={value.model} onChange={(e) => {
                  const next = models.find((m) => m.model === e.target.value);
                  setValue({ ...value, model: e.target.value, dimensions: next?.dimensions[0] ?? value.dimensions });
                }}>
                  {models.map((m) => (
                    <option key={m.model} value={m.model}>
                      {m.model}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="embedding-dims" label={t("dimensions")}>
              <Select id="embedding-dims" value={String(value.dimensions)} onChange={(e) => setValue({ ...value, dimensions: Number(e.target.value) })}>
                {dims.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <p className="text-sm text-slate-600">{t("reembedHint")}</p>
          <div className="flex justify-end border-t border-slate-100 pt-4">
            <Button type="submit" loading={pending} disabled={!changed}>
              {t("save")}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
