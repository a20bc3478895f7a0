import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/feedback";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import type { TRole } from "@/lib/validation/common";
import { OperatorAvatar } from "./operator-avatar";

type TOperatorRow = {
  userId: string;
  name: string;
  email: string;
  role: TRole;
  avatarUrl: string | null;
  maxChats: number;
  status: "online" | "away" | "offline";
  departments: string[];
};

const STATUS_TONE = { online: "success", away: "warning", offline: "neutral" } as const;

export function OperatorsList({ slug, selfId, operators }: { slug: string; selfId: string; operators: TOperatorRow[] }) {
  const t = useTranslations("dashboard.operators.list");
  const tr = useTranslations("dashboard.roles");
  return (
    <Table label={t("title", { count: operators.length })}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("operator")}</Th>
          <Th className="hidden md:table-cell">{t("departments")}</Th>
          <Th className="hidden sm:table-cell">{t("status")}</Th>
          <Th className="hidden lg:table-cell">{t("maxChats")}</Th>
          <Th>
            <span className="sr-only">{t("actions")}</span>
          </Th>
        </tr>
      </thead>
      <TBody>
        {operators.map((o) => (
          <tr key={o.userId}>
            <Td>
              <div className="flex min-w-0 items-center gap-3">
                <OperatorAvatar name={o.name} url={o.avatarUrl} />
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-1.5 font-medium text-slate-900">
                    <span className="truncate">{o.name}</span>
                    {o.userId === selfId && <Badge tone="brand">{t("you")}</Badge>}
                    <Badge>{tr(o.role)}</Badge>
                  </div>
                  <div className="truncate text-xs text-slate-500">{o.email}</div>
                </div>
              </div>
            </Td>
            <Td className="hidden md:table-cell">
              {o.departments.length === 0 ? (
                <span className="text-slate-400">{t("noDepartments")}</span>
              ) : (
                <div className="flex flex-wrap gap-1">
                  {o.departments.map((d) => (
                    <Badge key={d}>{d}</Badge>
                  ))}
                </div>
              )}
            </Td>
            <Td className="hidden sm:table-cell">
              <Badge tone={STATUS_TONE[o.status]}>{t(`statuses.${o.status}`)}</Badge>
            </Td>
            <Td className="hidden lg:table-cell tabular-nums">{o.maxChats}</Td>
            <Td className="text-right">
              <Link
                href={`/dashboard/${slug}/operators/profile/${o.userId}`}
                className="inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-500"
                aria-label={t("editOf", { name: o.name })}
              >
                {t("edit")}
              </Link>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
