/**
 * Low-balance email thresholds (EUR cents): what the billing details accept and what applies
 * until the owner sets their own. Plain values, shared by the server-side check, the notices
 * and the billing details form.
 */
export const LOW_BALANCE_THRESHOLDS = {
  /** Used while the billing details name none. */
  defaults: [500, 100],
  minCents: 100,
  maxCents: 1_000_000,
  /** How many thresholds a workspace may set. */
  maxCount: 5,
} as const;

/** The thresholds in effect: the saved ones, else the defaults. */
export function lowBalanceThresholds(saved: number[] | null | undefined): number[] {
  return saved ?? [...LOW_BALANCE_THRESHOLDS.defaults];
}
