import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiKeysManager } from "@/components/dashboard/api-keys/api-keys-manager";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { env } from "@/lib/config/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.apiKeys");
  return { title: t("title") };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/api-keys`);
  const t = await getTranslations("dashboard.apiKeys");
  const keys = await listApiKeys(ctx);
  const example = `curl ${env().baseUrl}/api/v1/workspace \\\n  -H "Authorization: Bearer cwk_…"`;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <ApiKeysManager
          slug={slug}
          keys={keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, createdBy: k.createdBy?.email ?? null }))}
        />
        <Card>
          <CardHeader title={t("usageTitle")} description={t("usageText")} />
          <CardBody>
            <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100">{example}</pre>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
