/**
 * Server messages are written for the API (English); the billing pages show their own
 * wording per error code (messages: dashboard.billing.errors).
 */
const KEYS: Record<string, string> = {
  rate_limited: "rateLimited",
  insufficient_funds: "insufficient",
  unauthorized: "sessionEnded",
  forbidden: "forbidden",
  validation_failed: "invalid",
  conflict: "conflict",
  not_found: "notFound",
};

export function actionErrorKey(code: string): string {
  return KEYS[code] ?? "generic";
}
