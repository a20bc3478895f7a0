import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

/** The one script tag for the owner's site, the direct chat link, and where the allowed domains live. */
export async function EmbedSnippet({ baseUrl, publicId, domains, settingsHref }: { baseUrl: string; publicId: string; domains: string[]; settingsHref: string }) {
  const t = await getTranslations("dashboard.widgetDesign");
  const snippet = `<script src="${baseUrl}/widget.js" data-bot="${publicId}" async></script>`;
  const chatUrl = `${baseUrl}/chat/${publicId}`;
  return (
    <Card>
      <CardHeader title={t("embedTitle")} description={t("embedText")} />
      <CardBody className="space-y-5">
        <div>
          <div className="flex items-center justify-between gap-3">
            <h3 id="embed-snippet-label" className="text-sm font-medium text-slate-800">
              {t("snippet")}
            </h3>
            <CopyButton value={snippet} label={t("copy")} copiedLabel={t("copied")} />
          </div>
          <pre aria-labelledby="embed-snippet-label" data-testid="embed-snippet" className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100">
            <code>{snippet}</code>
          </pre>
        </div>
        <div>
          <div className="flex items-center justify-between gap-3">
            <h3 className="text-sm font-medium text-slate-800">{t("chatLink")}</h3>
            <CopyButton value={chatUrl} label={t("copy")} copiedLabel={t("copied")} />
          </div>
          <p className="mt-1 text-xs text-slate-500">{t("chatLinkText")}</p>
          <a href={chatUrl} target="_blank" rel="noopener noreferrer" className="mt-1 block break-all font-mono text-xs text-brand-600 hover:underline">
            {chatUrl}
          </a>
        </div>
        <div className={domains.length ? "rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200" : "rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"}>
          <p className="font-medium">{domains.length ? t("domainsSet", { count: domains.length }) : t("domainsNone")}</p>
          {domains.length > 0 && <p className="mt-1 break-words font-mono text-xs">{domains.join(", ")}</p>}
          <p className="mt-1">{t("domainsText")}</p>
          <Link href={settingsHref} className="mt-2 inline-block font-semibold text-brand-700 underline underline-offset-2 hover:no-underline">
            {t("domainsLink")} →
          </Link>
        </div>
      </CardBody>
    </Card>
  );
}
