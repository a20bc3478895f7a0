import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DeleteConversationButton } from "@/components/dashboard/conversations/delete-conversation-button";
import { ExportLinks } from "@/components/dashboard/conversations/export-links";
import { RatingStars } from "@/components/dashboard/conversations/rating-stars";
import { ConversationStatusBadge } from "@/components/dashboard/conversations/status-badge";
import { TranscriptMessages } from "@/components/dashboard/conversations/transcript-messages";
import { Card, CardBody, PageHeader } from "@/components/ui/card";
import { Alert, Badge } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getConversationTranscript, TRANSCRIPT_MAX_MESSAGES } from "@/lib/conversations/conversations";
import { isAppError } from "@/lib/errors/app-error";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.conversations");
  return { title: t("transcriptTitle") };
}

export default async function ConversationPage({ params }: { params: Promise<{ workspace: string; id: string }> }) {
  const { workspace: slug, id } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/conversations/${id}`);
  const c = await getConversationTranscript(ctx, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const t = await getTranslations("dashboard.conversations");
  const format = await getFormatter();
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  const name = c.visitor.name || c.visitor.email || t("anonymous");
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : null);
  const fields = Object.entries(c.visitor.fields);

  return (
    <>
      <Link href={`/dashboard/${slug}/conversations`} className="mb-3 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("detailTitle", { name })}
        description={<ConversationStatusBadge status={c.status} />}
        actions={
          isAdmin ? (
            <div className="flex flex-wrap gap-2">
              <ExportLinks slug={slug} query={{ id: c.id }} />
              <DeleteConversationButton slug={slug} conversationId={c.id} visitorName={name} />
            </div>
          ) : undefined
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold text-slate-900">{t("transcriptTitle")}</h2>
          {c.truncated && (
            <Alert tone="warning" className="mx-5 mt-4">
              {t("truncated", { count: TRANSCRIPT_MAX_MESSAGES })}
            </Alert>
          )}
          <TranscriptMessages messages={c.messages} />
        </Card>
        <div className="space-y-6">
          <Card>
            <CardBody>
              <h2 className="text-base font-semibold text-slate-900">{t("ratingTitle")}</h2>
              {c.rating ? (
                <div className="mt-2 space-y-2">
                  <RatingStars rating={c.rating} label={t("ratingValue", { rating: c.rating })} size="lg" />
                  {c.ratingComment && <blockquote className="border-l-2 border-slate-200 pl-3 text-sm whitespace-pre-wrap text-slate-700">{c.ratingComment}</blockquote>}
                </div>
              ) : (
                <p className="mt-2 text-sm text-slate-500">{t("noRating")}</p>
              )}
              <h2 className="mt-5 text-base font-semibold text-slate-900">{t("tagsTitle")}</h2>
              {c.tags.length ? (
                <div className="mt-2 flex flex-wrap gap-1">
                  {c.tags.map((tag) => (
                    <Badge key={tag}>{tag}</Badge>
                  ))}
                </div>
              ) : (
                <p className="mt-2 text-sm text-slate-500">{t("noTags")}</p>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardBody>
              <h2 className="text-base font-semibold text-slate-900">{t("visitorTitle")}</h2>
              <Facts
                none={t("none")}
                items={[
                  [t("visitor.name"), c.visitor.name],
                  [t("visitor.email"), c.visitor.email],
                  [t("visitor.locale"), c.visitor.locale],
                  [t("visitor.referrer"), c.visitor.referrer],
                  [t("visitor.searchPhrase"), c.visitor.searchPhrase],
                  [t("visitor.lastPage"), c.visitor.lastPageUrl],
                ]}
              />
              {fields.length > 0 && (
                <>
                  <h3 className="mt-4 text-sm font-semibold text-slate-900">{t("fieldsTitle")}</h3>
                  <Facts none={t("none")} items={fields} />
                </>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardBody>
              <h2 className="text-base font-semibold text-slate-900">{t("detailsTitle")}</h2>
              <Facts
                none={t("none")}
                items={[
                  [t("bot"), c.bot.name],
                  [t("department"), c.department?.name],
                  [t("operator"), c.operatorName],
                  [t("started"), when(c.createdAt)],
                  [t("lastActivity"), when(c.lastMessageAt)],
                  [t("closedAt"), when(c.closedAt)],
                  [t("closedBy"), c.closedByName],
                ]}
              />
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}

/** Label/value pairs; values are visitor-supplied text, rendered as text. */
function Facts({ items, none }: { items: [string, ReactNode][]; none: string }) {
  return (
    <dl className="mt-2 space-y-1.5 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words text-slate-900">{value || <span className="text-slate-400">{none}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
