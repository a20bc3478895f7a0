import type { TAddons, TPlanId, TPlanPeriodMonths } from "@/lib/plans/plans";

/** The plan section's data as the page hands it to the browser (dates as ISO strings). */
export type TSubscriptionView = {
  plan: TPlanId;
  status: "free" | "active" | "grace";
  period: { months: TPlanPeriodMonths; startsAt: string; endsAt: string } | null;
  autoRenew: boolean;
  graceUntil: string | null;
  addons: TAddons;
  nextAddons: TAddons;
  nextCharge: { at: string; amountCents: number } | null;
  endsAt: string | null;
  availableCents: number;
};
