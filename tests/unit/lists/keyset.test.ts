import { describe, expect, it } from "vitest";
import { boundary, keysetCursor, readCursor, ZBoundary, ZCursor } from "@/lib/lists/keyset";

describe("list boundaries", () => {
  it("a day covers its whole UTC day, inclusive at both ends", () => {
    expect(boundary("2026-03-01", false).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(boundary("2026-03-01", true).toISOString()).toBe("2026-03-01T23:59:59.999Z");
    expect(boundary("2026-03-01T10:15:00+02:00", true).toISOString()).toBe("2026-03-01T08:15:00.000Z");
  });

  it("accepts days and ISO timestamps, treats blanks as absent, refuses days that do not exist", () => {
    expect(ZBoundary.parse("")).toBeUndefined();
    expect(ZBoundary.parse(" 2024-02-29 ")).toBe("2024-02-29");
    expect(ZBoundary.safeParse("2026-02-30").success).toBe(false);
    expect(ZBoundary.safeParse("yesterday").success).toBe(false);
    expect(ZBoundary.safeParse("2026-03-01T10:15:00Z").success).toBe(true);
  });
});

describe("keyset cursors", () => {
  it("round-trip the row's time and id", () => {
    const at = new Date("2026-11-22T07:00:00.123Z");
    const cursor = keysetCursor(at, "clx_abc-9");
    expect(ZCursor.parse(cursor)).toBe(cursor);
    expect(readCursor(cursor)).toEqual({ at, id: "clx_abc-9" });
  });

  it("refuse anything that is not time.id", () => {
    for (const bad of ["abc", "123", "12.ab cd", "1.'; DROP TABLE", `${"9".repeat(16)}.x`]) {
      expect(ZCursor.safeParse(bad).success, bad).toBe(false);
    }
    expect(ZCursor.parse("")).toBeUndefined();
  });
});
