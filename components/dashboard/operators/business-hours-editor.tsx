"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { defaultBusinessHours, MAX_INTERVALS_PER_DAY, minutesOf, WEEKDAYS, type TBusinessHours, type TWeekday } from "@/lib/departments/business-hours";
import { Switch } from "./switch";

type TInterval = [string, string];

/** Problems the server would refuse, shown while editing: start before end, no overlaps. */
export function intervalProblems(hours: TBusinessHours | null): Partial<Record<TWeekday, "order" | "overlap">> {
  if (!hours) return {};
  const problems: Partial<Record<TWeekday, "order" | "overlap">> = {};
  for (const day of WEEKDAYS) {
    const list = hours.days[day];
    if (list.some(([s, e]) => !s || !e || minutesOf(s) >= minutesOf(e === "00:00" ? "24:00" : e))) problems[day] = "order";
    else {
      const sorted = [...list].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
      if (sorted.some((iv, i) => i > 0 && minutesOf(sorted[i - 1]![1]) > minutesOf(iv[0]))) problems[day] = "overlap";
    }
  }
  return problems;
}

/** "00:00" as the end of an interval means midnight at the end of the day. */
export function normalizeBusinessHours(hours: TBusinessHours | null): TBusinessHours | null {
  if (!hours) return null;
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, hours.days[d].map(([s, e]): TInterval => [s, e === "00:00" ? "24:00" : e])])) as TBusinessHours["days"];
  return { timeZone: hours.timeZone, days };
}

export function BusinessHoursEditor({
  value,
  onChange,
  timeZones,
  defaultTimeZone,
  error,
}: {
  value: TBusinessHours | null;
  onChange: (value: TBusinessHours | null) => void;
  timeZones: string[];
  defaultTimeZone: string;
  error?: string | null;
}) {
  const t = useTranslations("dashboard.operators.hours");
  const problems = intervalProblems(value);

  const setDay = (day: TWeekday, intervals: TInterval[]) => value && onChange({ ...value, days: { ...value.days, [day]: intervals } });

  return (
    <div className="space-y-4">
      <Switch
        id="dept-always-open"
        checked={value === null}
        onChange={(alwaysOpen) => onChange(alwaysOpen ? null : defaultBusinessHours(defaultTimeZone))}
        label={t("alwaysOpen")}
        description={t("alwaysOpenHint")}
      />
      {value && (
        <div className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <label className="block space-y-1.5 sm:w-80">
              <span className="block text-sm font-medium text-slate-800">{t("timeZone")}</span>
              <Select value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.target.value })}>
                {(timeZones.includes(value.timeZone) ? timeZones : [value.timeZone, ...timeZones]).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, " ")}
                  </option>
                ))}
              </Select>
            </label>
            <Button
              variant="ghost"
              size="sm"
              className="self-start sm:self-auto"
              onClick={() => onChange({ ...value, days: { ...value.days, tue: value.days.mon, wed: value.days.mon, thu: value.days.mon, fri: value.days.mon } })}
            >
              {t("copyMonday")}
            </Button>
          </div>
          <ul className="divide-y divide-slate-200">
            {WEEKDAYS.map((day) => {
              const intervals = value.days[day] as TInterval[];
              const open = intervals.length > 0;
              const problem = problems[day];
              return (
                <li key={day} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start">
                  <label className="flex w-40 shrink-0 items-center gap-2 pt-2 text-sm font-medium text-slate-800">
                    <input
                      type="checkbox"
                      className="size-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                      checked={open}
                      onChange={(e) => setDay(day, e.target.checked ? [["09:00", "17:00"]] : [])}
                    />
                    {t(`days.${day}`)}
                  </label>
                  <div className="min-w-0 flex-1 space-y-2">
                    {!open && <p className="pt-2 text-sm text-slate-500">{t("closed")}</p>}
                    {intervals.map(([start, end], i) => (
                      <div key={i} className="grid max-w-sm grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto] items-center gap-2">
                        <input
                          type="time"
                          aria-label={t("from", { day: t(`days.${day}`), n: i + 1 })}
                          value={start}
                          required
                          onChange={(e) => setDay(day, intervals.map((iv, j): TInterval => (j === i ? [e.target.value, iv[1]] : iv)))}
                          className="h-9 w-full min-w-0 rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 max-sm:[&::-webkit-calendar-picker-indicator]:hidden"
                        />
                        <span className="text-slate-500" aria-hidden="true">
                          –
                        </span>
                        <input
                          type="time"
                          aria-label={t("to", { day: t(`days.${day}`), n: i + 1 })}
                          value={end === "24:00" ? "00:00" : end}
                          required
                          onChange={(e) => setDay(day, intervals.map((iv, j): TInterval => (j === i ? [iv[0], e.target.value] : iv)))}
                          className="h-9 w-full min-w-0 rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 max-sm:[&::-webkit-calendar-picker-indicator]:hidden"
                        />
                        <Button variant="ghost" size="sm" aria-label={t("removeInterval", { day: t(`days.${day}`), n: i + 1 })} onClick={() => setDay(day, intervals.filter((_, j) => j !== i))}>
                          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                            <path d="M6 6l12 12M18 6 6 18" />
                          </svg>
                        </Button>
                      </div>
                    ))}
                    {problem && (
                      <p role="alert" className="text-xs font-medium text-red-600">
                        {t(problem === "order" ? "orderError" : "overlapError")}
                      </p>
                    )}
                    {open && intervals.length < MAX_INTERVALS_PER_DAY && (
                      <Button variant="ghost" size="sm" className="text-brand-700" onClick={() => setDay(day, [...intervals, nextInterval(intervals)])}>
                        + {t("addInterval")}
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <p className="text-xs text-slate-500">{t("midnightHint")}</p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** A sensible next interval: an hour after the last one ends, two hours long, within the day. */
function nextInterval(intervals: TInterval[]): TInterval {
  const last = intervals[intervals.length - 1];
  const lastEnd = last ? minutesOf(last[1]) : 8 * 60;
  const start = Math.min(lastEnd + 60, 22 * 60);
  const end = Math.min(start + 120, 24 * 60 - 1);
  const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return [fmt(start), fmt(end)];
}
