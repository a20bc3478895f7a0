import type { TActionError } from "@/lib/auth/next/action-result";

export type TLinkProblem = "used" | "expired" | "invalid";

/**
 * Why a one-time link failed. lib/auth/auth-tokens reports "not_found" for unknown links
 * and "gone" for used or expired ones; only its message tells those two apart.
 */
export function linkProblem(error: TActionError): TLinkProblem | null {
  if (error.code === "not_found" || error.code === "validation_failed") return "invalid";
  if (error.code === "gone") return /expired/i.test(error.message) ? "expired" : "used";
  return null;
}
