import { describe, expect, it } from "vitest";
import type { TRole } from "@/lib/validation/common";
import { canAssignRole, roleAllows } from "@/lib/workspaces/roles";

describe("roleAllows", () => {
  it.each<[TRole, TRole[], boolean]>([
    ["owner", ["owner"], true],
    ["owner", ["admin"], true],
    ["owner", ["operator"], true],
    ["admin", ["owner"], false],
    ["admin", ["admin"], true],
    ["admin", ["operator"], true],
    ["operator", ["owner"], false],
    ["operator", ["admin"], false],
    ["operator", ["operator"], true],
    ["admin", ["admin", "owner"], true],
    ["operator", ["admin", "owner"], false],
    ["owner", [], false],
  ])("%s with allowed %j → %s", (role, allowed, expected) => {
    expect(roleAllows(role, allowed)).toBe(expected);
  });
});

describe("canAssignRole", () => {
  it.each<[TRole, TRole, boolean]>([
    ["owner", "owner", true],
    ["owner", "admin", true],
    ["owner", "operator", true],
    ["admin", "owner", false],
    ["admin", "admin", true],
    ["admin", "operator", true],
    ["operator", "owner", false],
    ["operator", "admin", false],
    ["operator", "operator", false],
  ])("%s may assign %s → %s", (actor, target, expected) => {
    expect(canAssignRole(actor, target)).toBe(expected);
  });
});
