import { z } from "zod";

/**
 * Shared pieces of the dashboard's filtered lists (conversations, leads, ledger): day or
 * timestamp boundaries, and keyset pagination by (time, id). A cursor carries the last row's
 * values, never an id to look up, so a cursor taken from another workspace selects nothing
 * of it; the tenant is always part of the caller's where clause.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Query strings send empty fields as ""; treat them as absent. */
export const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** "2026-02-30" matches the pattern but is no day (Date.parse would roll it over to March). */
function isRealDay(value: string): boolean {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** An optional range boundary: a day (YYYY-MM-DD, UTC) or an ISO 8601 timestamp. */
export const ZBoundary = z.preprocess(
  blankToUndefined,
  z
    .union([z.date(), z.string().trim().regex(DAY).refine(isRealDay, "Not a calendar day"), z.iso.datetime({ offset: true })], {
      message: "Use a day (YYYY-MM-DD) or an ISO 8601 timestamp",
    })
    .optional(),
);

/** A day means from its start, or (endOfDay) up to its last millisecond; timestamps as given. */
export function boundary(value: Date | string, endOfDay: boolean): Date {
  if (value instanceof Date) return value;
  if (DAY.test(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (endOfDay ? DAY_MS - 1 : 0));
  return new Date(value);
}

export const ZCursor = z.preprocess(blankToUndefined, z.string().regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, "Invalid cursor").optional());

/** The cursor after a row: its time in milliseconds and its id. */
export const keysetCursor = (at: Date, id: string) => `${at.getTime()}.${id}`;

/** A cursor's values; rows come after it when (time, id) is smaller (newest-first lists). */
export function readCursor(cursor: string): { at: Date; id: string } {
  const [ms, id] = cursor.split(".") as [string, string];
  return { at: new Date(Number(ms)), id };
}
