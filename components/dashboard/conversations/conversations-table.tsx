import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/feedback";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { TConversationRow } from "@/lib/conversations/conversations";
import { RatingStars } from "./rating-stars";
import { ConversationStatusBadge } from "./status-badge";

/** Visitors wrote the names and previews shown here: React renders them as text, never as HTML. */
export async function ConversationsTable({ slug, conversations }: { slug: string; conversations: TConversationRow[] }) {
  const t = await getTranslations("dashboard.conversations");
  const format = await getFormatter();
  const none = <span className="text-slate-400">{t("none")}</span>;

  return (
    <Table label={t("listTitle")}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("columns.visitor")}</Th>
          <Th>{t("columns.status")}</Th>
          <Th className="hidden md:table-cell">{t("columns.operator")}</Th>
          <Th className="hidden sm:table-cell">{t("columns.rating")}</Th>
          <Th className="hidden lg:table-cell">{t("columns.messages")}</Th>
          <Th className="hidden xl:table-cell">{t("columns.bot")}</Th>
          <Th>{t("columns.date")}</Th>
        </tr>
      </thead>
      <TBody>
        {conversations.map((c) => {
          const name = c.visitorName || c.visitorEmail || t("anonymous");
          return (
            <tr key={c.id} className="hover:bg-slate-50">
              <Td className="max-w-80">
                <Link
                  href={`/dashboard/${slug}/conversations/${c.id}`}
                  aria-label={t("openConversation", { name })}
                  className="block rounded font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
                >
                  <span className="block truncate">{name}</span>
                  {c.preview && <span className="block truncate text-xs font-normal text-slate-500">{c.preview}</span>}
                </Link>
                {c.tags.length > 0 && (
                  <span className="mt-1 flex flex-wrap gap-1">
                    {c.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </span>
                )}
              </Td>
              <Td>
                <ConversationStatusBadge status={c.status} />
              </Td>
              <Td className="hidden max-w-40 truncate md:table-cell">{c.operatorName ?? none}</Td>
              <Td className="hidden sm:table-cell">{c.rating ? <RatingStars rating={c.rating} label={t("ratingValue", { rating: c.rating })} /> : none}</Td>
              <Td className="hidden tabular-nums lg:table-cell">{c.messageCount}</Td>
              <Td className="hidden max-w-40 truncate xl:table-cell">{c.botName}</Td>
              <Td className="whitespace-nowrap">{format.dateTime(c.lastMessageAt, { dateStyle: "medium", timeStyle: "short" })}</Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
