import { describe, expect, it } from "vitest";
import { withoutNul } from "@/lib/validation/without-nul";

describe("withoutNul", () => {
  it("drops NUL from strings at any depth, keys included, and leaves everything else alone", () => {
    const input = { "na\u0000me": "A\u0000B", list: ["x\u0000", 3, null, { deep: "\u0000\u0000y" }], ok: true, n: 4 };
    expect(withoutNul(input)).toEqual({ name: "AB", list: ["x", 3, null, { deep: "y" }], ok: true, n: 4 });
    expect(withoutNul("plain")).toBe("plain");
    const date = new Date(0);
    expect(withoutNul({ date }).date).toBe(date);
  });
});
