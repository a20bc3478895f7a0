import { describe, expect, it } from "vitest";
import {
  defaultBusinessHours,
  isValidTimeZone,
  isWithinBusinessHours,
  readBusinessHours,
  ZBusinessHours,
  type TBusinessHours,
} from "@/lib/departments/business-hours";

const empty = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function hours(days: Partial<TBusinessHours["days"]>, timeZone = "Europe/Berlin"): TBusinessHours {
  return ZBusinessHours.parse({ timeZone, days: { ...empty, ...days } });
}

describe("isWithinBusinessHours", () => {
  const office = defaultBusinessHours("Europe/Berlin");

  it("treats null as always open", () => {
    expect(isWithinBusinessHours(null, new Date("2026-01-04T03:00:00Z"))).toBe(true);
  });

  it("is open inside an interval and closed outside, end exclusive (winter, UTC+1)", () => {
    // Wednesday 2026-01-07
    expect(isWithinBusinessHours(office, new Date("2026-01-07T07:59:00Z"))).toBe(false); // 08:59
    expect(isWithinBusinessHours(office, new Date("2026-01-07T08:00:00Z"))).toBe(true); // 09:00
    expect(isWithinBusinessHours(office, new Date("2026-01-07T15:59:00Z"))).toBe(true); // 16:59
    expect(isWithinBusinessHours(office, new Date("2026-01-07T16:00:00Z"))).toBe(false); // 17:00
  });

  it("uses summer time (UTC+2) for the same wall-clock hours", () => {
    // Wednesday 2026-07-08
    expect(isWithinBusinessHours(office, new Date("2026-07-08T06:59:00Z"))).toBe(false); // 08:59
    expect(isWithinBusinessHours(office, new Date("2026-07-08T07:00:00Z"))).toBe(true); // 09:00
    expect(isWithinBusinessHours(office, new Date("2026-07-08T14:59:00Z"))).toBe(true); // 16:59
    expect(isWithinBusinessHours(office, new Date("2026-07-08T15:00:00Z"))).toBe(false); // 17:00
  });

  it("is closed on days without intervals", () => {
    // Saturday 2026-01-10, 12:00 Berlin
    expect(isWithinBusinessHours(office, new Date("2026-01-10T11:00:00Z"))).toBe(false);
    // Sunday
    expect(isWithinBusinessHours(office, new Date("2026-01-11T11:00:00Z"))).toBe(false);
  });

  it("handles several intervals with a lunch break", () => {
    const split = hours({ mon: [["13:00", "18:00"], ["08:00", "12:00"]] });
    // Monday 2026-01-05 (UTC+1)
    expect(isWithinBusinessHours(split, new Date("2026-01-05T07:30:00Z"))).toBe(true); // 08:30
    expect(isWithinBusinessHours(split, new Date("2026-01-05T11:30:00Z"))).toBe(false); // 12:30
    expect(isWithinBusinessHours(split, new Date("2026-01-05T12:00:00Z"))).toBe(true); // 13:00
    expect(isWithinBusinessHours(split, new Date("2026-01-05T17:00:00Z"))).toBe(false); // 18:00
  });

  it("follows the spring-forward day in Europe/Berlin (29 March 2026, 02:00 → 03:00)", () => {
    const night = hours({ sun: [["01:00", "04:00"]] });
    expect(isWithinBusinessHours(night, new Date("2026-03-28T23:59:00Z"))).toBe(false); // 00:59 CET
    expect(isWithinBusinessHours(night, new Date("2026-03-29T00:00:00Z"))).toBe(true); // 01:00 CET
    expect(isWithinBusinessHours(night, new Date("2026-03-29T00:59:00Z"))).toBe(true); // 01:59 CET
    expect(isWithinBusinessHours(night, new Date("2026-03-29T01:00:00Z"))).toBe(true); // 03:00 CEST
    expect(isWithinBusinessHours(night, new Date("2026-03-29T01:59:00Z"))).toBe(true); // 03:59 CEST
    expect(isWithinBusinessHours(night, new Date("2026-03-29T02:00:00Z"))).toBe(false); // 04:00 CEST
    const day = hours({ sun: [["09:00", "17:00"]] });
    expect(isWithinBusinessHours(day, new Date("2026-03-29T06:59:00Z"))).toBe(false); // 08:59 CEST
    expect(isWithinBusinessHours(day, new Date("2026-03-29T07:00:00Z"))).toBe(true); // 09:00 CEST
    expect(isWithinBusinessHours(day, new Date("2026-03-29T15:00:00Z"))).toBe(false); // 17:00 CEST
  });

  it("follows the fall-back day in Europe/Berlin (25 October 2026, 03:00 → 02:00)", () => {
    const night = hours({ sun: [["02:00", "03:00"]] });
    expect(isWithinBusinessHours(night, new Date("2026-10-24T23:59:00Z"))).toBe(false); // 01:59 CEST
    expect(isWithinBusinessHours(night, new Date("2026-10-25T00:00:00Z"))).toBe(true); // 02:00 CEST
    expect(isWithinBusinessHours(night, new Date("2026-10-25T01:00:00Z"))).toBe(true); // 02:00 CET (again)
    expect(isWithinBusinessHours(night, new Date("2026-10-25T01:59:00Z"))).toBe(true); // 02:59 CET
    expect(isWithinBusinessHours(night, new Date("2026-10-25T02:00:00Z"))).toBe(false); // 03:00 CET
    const day = hours({ sun: [["09:00", "17:00"]] });
    expect(isWithinBusinessHours(day, new Date("2026-10-25T07:59:00Z"))).toBe(false); // 08:59 CET
    expect(isWithinBusinessHours(day, new Date("2026-10-25T08:00:00Z"))).toBe(true); // 09:00 CET
  });

  it("uses the weekday of the department's zone, not of UTC", () => {
    const tokyo = hours({ mon: [["08:00", "10:00"]] }, "Asia/Tokyo");
    // Sunday 2026-01-04 23:30 UTC is Monday 08:30 in Tokyo
    expect(isWithinBusinessHours(tokyo, new Date("2026-01-04T23:30:00Z"))).toBe(true);
    const ny = hours({ sun: [["20:00", "24:00"]] }, "America/New_York");
    // Monday 2026-01-05 03:00 UTC is Sunday 22:00 in New York
    expect(isWithinBusinessHours(ny, new Date("2026-01-05T03:00:00Z"))).toBe(true);
    // ...and 05:00 UTC is Monday 00:00 there: closed
    expect(isWithinBusinessHours(ny, new Date("2026-01-05T05:00:00Z"))).toBe(false);
  });

  it("supports a whole day with 00:00–24:00", () => {
    const allDay = hours({ sat: [["00:00", "24:00"]] });
    expect(isWithinBusinessHours(allDay, new Date("2026-01-09T23:00:00Z"))).toBe(true); // Sat 00:00
    expect(isWithinBusinessHours(allDay, new Date("2026-01-10T22:59:00Z"))).toBe(true); // Sat 23:59
    expect(isWithinBusinessHours(allDay, new Date("2026-01-10T23:00:00Z"))).toBe(false); // Sun 00:00
  });
});

describe("ZBusinessHours", () => {
  it("rejects unknown time zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(ZBusinessHours.safeParse({ timeZone: "Mars/Olympus", days: empty }).success).toBe(false);
  });

  it("rejects a start that is not before the end", () => {
    expect(ZBusinessHours.safeParse({ timeZone: "UTC", days: { ...empty, mon: [["17:00", "09:00"]] } }).success).toBe(false);
    expect(ZBusinessHours.safeParse({ timeZone: "UTC", days: { ...empty, mon: [["09:00", "09:00"]] } }).success).toBe(false);
  });

  it("rejects bad times, more than three intervals and overlaps", () => {
    expect(ZBusinessHours.safeParse({ timeZone: "UTC", days: { ...empty, mon: [["9:00", "17:00"]] } }).success).toBe(false);
    expect(ZBusinessHours.safeParse({ timeZone: "UTC", days: { ...empty, mon: [["09:00", "24:30"]] } }).success).toBe(false);
    const four = [["06:00", "07:00"], ["08:00", "09:00"], ["10:00", "11:00"], ["12:00", "13:00"]];
    expect(ZBusinessHours.safeParse({ timeZone: "UTC", days: { ...empty, mon: four } }).success).toBe(false);
    expect(ZBusinessHours.safeParse({ timeZone: "UTC", days: { ...empty, mon: [["09:00", "12:00"], ["11:00", "14:00"]] } }).success).toBe(false);
  });

  it("fills missing days as closed and sorts intervals", () => {
    const parsed = ZBusinessHours.parse({ timeZone: "UTC", days: { tue: [["14:00", "16:00"], ["08:00", "10:00"]] } });
    expect(parsed.days.mon).toEqual([]);
    expect(parsed.days.tue).toEqual([["08:00", "10:00"], ["14:00", "16:00"]]);
  });

  it("reads unreadable stored JSON as always open", () => {
    expect(readBusinessHours(null)).toBeNull();
    expect(readBusinessHours({ timeZone: "Nowhere/Land", days: {} })).toBeNull();
    expect(readBusinessHours(defaultBusinessHours())).toEqual(defaultBusinessHours());
  });
});
