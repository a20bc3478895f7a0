import { z } from "zod";

/**
 * A department's opening hours in its own time zone. Intervals are local wall-clock times,
 * so a DST change needs no special case: the current local time is read through Intl and
 * compared with the intervals ("09:00"–"17:00" stays 09:00–17:00 in summer and winter).
 * `null` (no business hours) means always open.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type TWeekday = (typeof WEEKDAYS)[number];

export const MAX_INTERVALS_PER_DAY = 3;

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** "HH:MM" from 00:00 to 23:59; "24:00" is allowed as the end of a day. */
export const ZClockTime = z.string().trim().regex(TIME_RE, "Use the format HH:MM");

export function minutesOf(time: string): number {
  const [h = 0, m = 0] = time.split(":").map(Number);
  return h * 60 + m;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z.string().trim().min(1, "Choose a time zone").refine(isValidTimeZone, "Unknown time zone");

export const ZInterval = z
  .tuple([ZClockTime, ZClockTime])
  .refine(([start, end]) => minutesOf(start) < minutesOf(end), "The start must be before the end");

const ZDayIntervals = z
  .array(ZInterval)
  .max(MAX_INTERVALS_PER_DAY, `At most ${MAX_INTERVALS_PER_DAY} intervals per day`)
  .transform((list) => [...list].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0])))
  .refine((list) => list.every((iv, i) => i === 0 || minutesOf(list[i - 1]![1]) <= minutesOf(iv[0])), "Intervals must not overlap")
  .default([]);

export const ZBusinessHours = z.object({
  timeZone: ZTimeZone,
  days: z.object({
    mon: ZDayIntervals,
    tue: ZDayIntervals,
    wed: ZDayIntervals,
    thu: ZDayIntervals,
    fri: ZDayIntervals,
    sat: ZDayIntervals,
    sun: ZDayIntervals,
  }),
});
export type TBusinessHours = z.output<typeof ZBusinessHours>;
export type TBusinessHoursInput = z.input<typeof ZBusinessHours>;

/** Mon–Fri 09:00–17:00 in the given zone: a sensible start for the editor. */
export function defaultBusinessHours(timeZone = "Europe/Berlin"): TBusinessHours {
  const workday: [string, string][] = [["09:00", "17:00"]];
  return {
    timeZone,
    days: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
  };
}

/** Stored JSON → business hours, or null (always open) when missing or unreadable. */
export function readBusinessHours(json: unknown): TBusinessHours | null {
  if (json === null || json === undefined) return null;
  const parsed = ZBusinessHours.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_BY_SHORT: Record<string, TWeekday> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

/** The weekday and minute of the day at `now` in `timeZone`. */
export function localWeekdayAndMinute(timeZone: string, now: Date): { day: TWeekday; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = WEEKDAY_BY_SHORT[get("weekday")] ?? "mon";
  const hour = Number(get("hour")) % 24;
  const minute = Number(get("minute"));
  return { day, minute: hour * 60 + minute };
}

export function isWithinBusinessHours(hours: TBusinessHours | null, now: Date): boolean {
  if (!hours) return true;
  if (!isValidTimeZone(hours.timeZone)) return true;
  const { day, minute } = localWeekdayAndMinute(hours.timeZone, now);
  const intervals = hours.days[day] ?? [];
  return intervals.some(([start, end]) => minute >= minutesOf(start) && minute < minutesOf(end));
}
