"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { createSourceAction } from "@/app/dashboard/[workspace]/bots/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

/** Website (start URL or sitemap, limits, schedule) and file upload dialogs. */
export function AddWebsiteOrFile({ slug, botId }: { slug: string; botId: string }) {
  const t = useTranslations("dashboard.bots");
  const toast = useToast();
  const router = useRouter();
  const [kind, setKind] = useState<"url" | "file" | null>(null);
  const [pending, start] = useTransition();
  const [url, setUrl] = useState("");
  const [maxPages, setMaxPages] = useState(50);
  const [schedule, setSchedule] = useState("none");
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const close = () => {
    setKind(null);
    setError(null);
    setUrl("");
  };
  const submit = () =>
    start(async () => {
      setError(null);
      if (kind === "url") {
        const result = await createSourceAction(slug, { botId, source: { type: "url", url, maxPages, schedule } });
        if (!result.ok) return setError(result.error.message);
      } else {
        const file = fileRef.current?.files?.[0];
        if (!file) return setError(t("chooseFile"));
        const body = new FormData();
        body.append("file", file);
        const res = await fetch(`/api/workspaces/${slug}/bots/${botId}/uploads`, { method: "POST", body }).catch(() => null);
        if (!res) return setError(t("uploadFailed"));
        if (!res.ok) {
          const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          return setError(data?.error?.message ?? t("uploadFailed"));
        }
        router.refresh();
      }
      toast.show(t("sourceAdded"));
      close();
    });

  return (
    <>
      <Button variant="secondary" onClick={() => setKind("url")}>
        {t("addWebsite")}
      </Button>
      <Button variant="secondary" onClick={() => setKind("file")}>
        {t("addFile")}
      </Button>
      <Dialog
        open={kind !== null}
        onClose={close}
        title={kind === "url" ? t("addWebsite") : t("addFile")}
        description={kind === "url" ? t("websiteText") : t("fileText")}
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              {t("cancel")}
            </Button>
            <Button type="submit" form="add-web-file" loading={pending}>
              {kind === "file" ? t("upload") : t("addSource")}
            </Button>
          </>
        }
      >
        <form
          id="add-web-file"
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {error && <Alert tone="danger">{error}</Alert>}
          {kind === "url" ? (
            <>
              <Field id="source-url" label={t("websiteUrl")} hint={t("websiteUrlHint")}>
                <Input id="source-url" type="url" required placeholder="https://www.example.com/hilfe" value={url} onChange={(e) => setUrl(e.target.value)} />
              </Field>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field id="source-max-pages" label={t("maxPages")}>
                  <Input id="source-max-pages" type="number" min={1} max={500} value={maxPages} onChange={(e) => setMaxPages(Number(e.target.value))} />
                </Field>
                <Field id="source-schedule" label={t("schedule")}>
                  <Select id="source-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value)}>
                    <option value="none">{t("scheduleNone")}</option>
                    <option value="daily">{t("scheduleDaily")}</option>
                    <option value="weekly">{t("scheduleWeekly")}</option>
                  </Select>
                </Field>
              </div>
            </>
          ) : (
            <Field id="source-file" label={t("file")} hint={t("fileHint")}>
              <input
                id="source-file"
                ref={fileRef}
                type="file"
                required
                accept=".pdf,.docx,.txt,.md,.markdown,.html,.htm,.csv"
                className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
              />
            </Field>
          )}
        </form>
      </Dialog>
    </>
  );
}
