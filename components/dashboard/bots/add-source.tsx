"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createSourceAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { AddWebsiteOrFile } from "./add-website-file";

type TPair = { question: string; answer: string };

/** Adds a source: website, file, text or Q&A. */
export function AddSource({ slug, botId }: { slug: string; botId: string }) {
  const t = useTranslations("dashboard.bots");
  const toast = useToast();
  const [kind, setKind] = useState<"text" | "qa" | null>(null);
  const [pending, start] = useTransition();
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [pairs, setPairs] = useState<TPair[]>([{ question: "", answer: "" }]);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setKind(null);
    setError(null);
    setTitle("");
    setContent("");
    setPairs([{ question: "", answer: "" }]);
  };
  const submit = () =>
    start(async () => {
      const source = kind === "text" ? { type: "text", title, content } : { type: "qa", title: title || undefined, pairs: pairs.filter((p) => p.question.trim() || p.answer.trim()) };
      const result = await createSourceAction(slug, { botId, source });
      if (!result.ok) return setError(result.error.message);
      toast.show(t("sourceAdded"));
      close();
    });

  return (
    <>
      <div className="flex flex-wrap gap-2">
        <AddWebsiteOrFile slug={slug} botId={botId} />
        <Button variant="secondary" onClick={() => setKind("text")}>
          {t("addText")}
        </Button>
        <Button variant="secondary" onClick={() => setKind("qa")}>
          {t("addQa")}
        </Button>
      </div>
      <Dialog
        open={kind !== null}
        onClose={close}
        title={kind === "qa" ? t("addQa") : t("addText")}
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              {t("cancel")}
            </Button>
            <Button type="submit" form="add-source" loading={pending}>
              {t("addSource")}
            </Button>
          </>
        }
      >
        <form
          id="add-source"
          className="max-h-[60vh] space-y-4 overflow-y-auto pr-1"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {error && <Alert tone="danger">{error}</Alert>}
          <Field id="source-title" label={kind === "qa" ? t("qaTitle") : t("sourceTitle")}>
            <Input id="source-title" required={kind === "text"} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          </Field>
          {kind === "text" ? (
            <Field id="source-content" label={t("content")} hint={t("contentHint")}>
              <Textarea id="source-content" required rows={10} value={content} onChange={(e) => setContent(e.target.value)} />
            </Field>
          ) : (
            <div className="space-y-4">
              {pairs.map((pair, i) => (
                <fieldset key={i} className="space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
                  <legend className="sr-only">{t("pair", { n: i + 1 })}</legend>
                  <Input aria-label={t("question", { n: i + 1 })} placeholder={t("questionPlaceholder")} value={pair.question} onChange={(e) => setPairs(pairs.map((p, j) => (j === i ? { ...p, question: e.target.value } : p)))} />
                  <Textarea aria-label={t("answer", { n: i + 1 })} placeholder={t("answerPlaceholder")} rows={3} value={pair.answer} onChange={(e) => setPairs(pairs.map((p, j) => (j === i ? { ...p, answer: e.target.value } : p)))} />
                  {pairs.length > 1 && (
                    <Button variant="ghost" size="sm" onClick={() => setPairs(pairs.filter((_, j) => j !== i))}>
                      {t("removePair")}
                    </Button>
                  )}
                </fieldset>
              ))}
              <Button variant="secondary" size="sm" onClick={() => setPairs([...pairs, { question: "", answer: "" }])}>
                + {t("addPair")}
              </Button>
            </div>
          )}
        </form>
      </Dialog>
    </>
  );
}
