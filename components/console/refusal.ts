/**
 * Turns an ack's error into what the console shows: a translated sentence for every refusal
 * the protocol documents (docs/protocol.md, /operator), and the server's own message as the
 * detail (it names, for example, the allowed domains). Unknown cases fall back to the
 * server's message.
 */
import type { TAck } from "@/lib/widget/protocol";
import type { TRefusal } from "./console-state";

/** Refusal reasons (`error.details.reason`) and codes that have their own translation. */
export const KNOWN_REFUSALS = [
  "already_assigned", "not_waiting", "conversation_closed", "not_in_department", "not_offered_to_you", "not_assigned",
  "not_your_chat", "command_domain_not_allowed", "command_invalid_url", "operator_unavailable", "no_operators_online",
  "same_operator", "not_live", "already_chatting", "no_question", "conversation_changed", "client_message_id_taken",
  "not_found", "rate_limited", "validation_failed", "timeout", "disconnected", "internal", "forbidden",
] as const;

export type TKnownRefusal = (typeof KNOWN_REFUSALS)[number];

export function toRefusal(error: Extract<TAck<unknown>, { ok: false }>["error"] | { code: string; message?: string; details?: Record<string, unknown> }): TRefusal {
  const reason = typeof error.details?.reason === "string" ? error.details.reason : null;
  return { code: error.code, reason, message: error.message ?? "" };
}

/** The translation key (under `console.refusals`) for a refusal, or null to show the server's message. */
export function refusalKey(refusal: TRefusal): TKnownRefusal | null {
  const known = new Set<string>(KNOWN_REFUSALS);
  if (refusal.reason && known.has(refusal.reason)) return refusal.reason as TKnownRefusal;
  if (known.has(refusal.code)) return refusal.code as TKnownRefusal;
  return null;
}

/** Refusals a retry with the same clientMessageId may fix (the message itself was fine). */
export function isTransient(refusal: TRefusal): boolean {
  return ["timeout", "disconnected", "internal", "rate_limited", "conversation_changed"].includes(refusal.reason ?? refusal.code);
}

export const TIMEOUT_REFUSAL: TRefusal = { code: "timeout", reason: null, message: "" };
export const DISCONNECTED_REFUSAL: TRefusal = { code: "disconnected", reason: null, message: "" };
