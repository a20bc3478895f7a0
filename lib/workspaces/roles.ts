import type { TRole } from "../validation/common";

const RANK: Record<TRole, number> = { operator: 1, admin: 2, owner: 3 };

/** True when `role` is at least as strong as the weakest of `allowed`. */
export function roleAllows(role: TRole, allowed: readonly TRole[]): boolean {
  return allowed.some((a) => RANK[role] >= RANK[a]);
}

/** Admins manage everything but owners; only owners grant or change ownership. */
export function canAssignRole(actor: TRole, target: TRole): boolean {
  if (actor === "owner") return true;
  return actor === "admin" && target !== "owner";
}
