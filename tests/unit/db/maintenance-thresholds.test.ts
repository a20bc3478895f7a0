import { describe, expect, it } from "vitest";
import { maintenanceFor } from "@/lib/db/embedded/maintenance";

describe("embedded maintenance thresholds (autovacuum's defaults)", () => {
  it("vacuums once dead rows pass 50 + 20 % of the live rows", () => {
    expect(maintenanceFor({ live: 1_000, dead: 250, modifiedSinceAnalyze: 0 })).toBeNull();
    expect(maintenanceFor({ live: 1_000, dead: 251, modifiedSinceAnalyze: 0 })).toBe("vacuum");
    expect(maintenanceFor({ live: 0, dead: 51, modifiedSinceAnalyze: 0 })).toBe("vacuum");
    expect(maintenanceFor({ live: 0, dead: 50, modifiedSinceAnalyze: 0 })).toBeNull();
  });

  it("analyses once changed rows pass 50 + 10 % of the live rows, vacuum first", () => {
    expect(maintenanceFor({ live: 1_000, dead: 0, modifiedSinceAnalyze: 150 })).toBeNull();
    expect(maintenanceFor({ live: 1_000, dead: 0, modifiedSinceAnalyze: 151 })).toBe("analyze");
    expect(maintenanceFor({ live: 1_000, dead: 300, modifiedSinceAnalyze: 500 })).toBe("vacuum");
  });
});
