"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/dashboard/[workspace]/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, EmptyState } from "@/components/ui/feedback";
import { Field, fieldAria, Input } from "@/components/ui/field";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

type TKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; createdBy: string | null };

export function ApiKeysManager({ slug, keys }: { slug: string; keys: TKey[] }) {
  const t = useTranslations("dashboard.apiKeys");
  const format = useFormatter();
  const toast = useToast();
  const [pending, start] = useTransition();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<TKey | null>(null);

  const closeCreate = () => {
    setCreating(false);
    setCreated(null);
    setName("");
    setError(null);
  };

  return (
    <Card>
      <CardHeader title={t("listTitle")} actions={<Button onClick={() => setCreating(true)}>{t("create")}</Button>} />
      {keys.length === 0 ? (
        <EmptyState
          icon={<svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true"><path d="M15 7a3 3 0 1 1-2.8 4H3v3h3v3h3v-3h3.2A3 3 0 0 1 15 7z" /></svg>}
          title={t("emptyTitle")}
          description={t("emptyText")}
          action={<Button onClick={() => setCreating(true)}>{t("create")}</Button>}
        />
      ) : (
        <Table label={t("listTitle")}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t("name")}</Th>
              <Th>{t("key")}</Th>
              <Th className="hidden md:table-cell">{t("created")}</Th>
              <Th className="hidden sm:table-cell">{t("lastUsed")}</Th>
              <Th>
                <span className="sr-only">{t("actions")}</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {keys.map((k) => (
              <tr key={k.id}>
                <Td className="font-medium text-slate-900">{k.name}</Td>
                <Td>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{k.prefix}…</code>
                </Td>
                <Td className="hidden md:table-cell">
                  {format.dateTime(new Date(k.createdAt), { dateStyle: "medium" })}
                  {k.createdBy && <div className="text-xs text-slate-500">{k.createdBy}</div>}
                </Td>
                <Td className="hidden sm:table-cell">{k.lastUsedAt ? format.relativeTime(new Date(k.lastUsedAt), new Date()) : t("never")}</Td>
                <Td className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setRevoking(k)}>
                    {t("revoke")}
                  </Button>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}

      <Dialog
        open={creating}
        onClose={closeCreate}
        title={created ? t("createdTitle") : t("createTitle")}
        description={created ? undefined : t("createText")}
        footer={
          created ? (
            <Button onClick={closeCreate}>{t("done")}</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={closeCreate}>
                {t("cancel")}
              </Button>
              <Button type="submit" form="create-key" loading={pending}>
                {t("create")}
              </Button>
            </>
          )
        }
      >
        {created ? (
          <div className="space-y-3">
            <Alert tone="warning">{t("showOnce")}</Alert>
            <div className="flex items-center gap-2">
              <code data-testid="new-api-key" className="min-w-0 flex-1 break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-xs text-slate-900">
                {created.secret}
              </code>
              <CopyButton value={created.secret} label={t("copy")} copiedLabel={t("copied")} />
            </div>
          </div>
        ) : (
          <form
            id="create-key"
            onSubmit={(e) => {
              e.preventDefault();
              start(async () => {
                const result = await createApiKeyAction(slug, { name });
                if (result.ok) setCreated({ name: result.data.name, secret: result.data.secret });
                else setError(result.error.message);
              });
            }}
          >
            <Field id="key-name" label={t("name")} hint={t("nameHint")} error={error}>
              <Input {...fieldAria("key-name", error, true)} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder="Website CMS" autoFocus />
            </Field>
          </form>
        )}
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t("revokeTitle")}
        description={t("revokeText", { name: revoking?.name ?? "" })}
        cancelLabel={t("cancel")}
        confirmLabel={t("revoke")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!revoking) return;
            const result = await revokeApiKeyAction(slug, { apiKeyId: revoking.id });
            setRevoking(null);
            toast.show(result.ok ? t("revoked") : result.error.message, result.ok ? "success" : "error");
          })
        }
      />
    </Card>
  );
}
