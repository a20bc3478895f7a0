import type { TActionError } from "@/lib/auth/next/action-result";

export type TLinkProblem = "used" | "expired" | "invalid";

/**
 * Why a one-time link failed: "not_found" for unknown links, "gone" with a reason for used
 * or expired ones (lib/auth/auth-tokens).
 */
export function linkProblem(error: TActionError): TLinkProblem | null {
  if (error.code === "not_found" || error.code === "validation_failed") return "invalid";
  if (error.code === "gone") return error.reason === "expired" ? "expired" : "used";
  return null;
}
