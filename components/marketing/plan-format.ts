import type { TMarketingT } from "./t";

/** Retention limits are stored in days; whole years read better. */
export function formatRetention(days: number, t: TMarketingT): string {
  return days % 365 === 0 ? t("plans.years", { count: days / 365 }) : t("plans.days", { count: days });
}
