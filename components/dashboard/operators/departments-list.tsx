import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/feedback";
import { WEEKDAYS, type TBusinessHours, type TWeekday } from "@/lib/departments/business-hours";

type TDepartmentRow = {
  id: string;
  name: string;
  description: string | null;
  assignment: "round_robin" | "least_busy";
  alwaysOpen: boolean;
  openNow: boolean;
  timeZone: string | null;
  hours: TBusinessHours["days"] | null;
  operators: string[];
  sendTranscripts: boolean;
};

/** Consecutive days with the same intervals as one line: "Mo–Fr 09:00–17:00". */
export function summarizeHours(days: TBusinessHours["days"]): { from: TWeekday; to: TWeekday; intervals: string }[] {
  const groups: { from: TWeekday; to: TWeekday; intervals: string }[] = [];
  for (const day of WEEKDAYS) {
    const list = days[day];
    if (list.length === 0) continue;
    const intervals = list.map(([s, e]) => `${s}–${e}`).join(", ");
    const last = groups[groups.length - 1];
    if (last && last.intervals === intervals && WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1) last.to = day;
    else groups.push({ from: day, to: day, intervals });
  }
  return groups;
}

export function DepartmentsList({ slug, departments }: { slug: string; departments: TDepartmentRow[] }) {
  const t = useTranslations("dashboard.operators.departments");
  const th = useTranslations("dashboard.operators.hours");
  return (
    <ul className="divide-y divide-slate-100">
      {departments.map((d) => {
        const groups = d.hours ? summarizeHours(d.hours) : [];
        return (
          <li key={d.id} className="relative flex flex-col gap-3 px-5 py-4 hover:bg-slate-50 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0 space-y-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/dashboard/${slug}/operators/departments/${d.id}`}
                  className="font-semibold text-slate-900 after:absolute after:inset-0 hover:text-brand-700 focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-brand-500 focus-visible:after:ring-inset"
                >
                  {d.name}
                </Link>
                {d.alwaysOpen ? <Badge tone="success">{t("alwaysOpen")}</Badge> : <Badge tone={d.openNow ? "success" : "neutral"}>{d.openNow ? t("openNow") : t("closedNow")}</Badge>}
                <Badge>{t(`assignment.${d.assignment}`)}</Badge>
                {d.sendTranscripts && <Badge tone="brand">{t("transcriptsOn")}</Badge>}
              </div>
              {d.description && <p className="text-sm text-slate-600">{d.description}</p>}
              {!d.alwaysOpen && (
                <p className="text-xs text-slate-500">
                  {groups.length === 0
                    ? t("neverOpen")
                    : groups.map((g) => `${th(`short.${g.from}`)}${g.from === g.to ? "" : `–${th(`short.${g.to}`)}`} ${g.intervals}`).join(" · ")}
                  {d.timeZone && ` (${d.timeZone.replace(/_/g, " ")})`}
                </p>
              )}
            </div>
            <div className="shrink-0 text-sm text-slate-600 sm:max-w-64 sm:text-right">
              {d.operators.length === 0 ? <span className="text-amber-700">{t("noOperators")}</span> : <span>{t("operators", { count: d.operators.length, names: d.operators.slice(0, 3).join(", ") })}</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
