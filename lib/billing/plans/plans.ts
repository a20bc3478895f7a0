/** Plans paid from the balance: the services the billing page and the billing sweep use. */
export { buyAddon, ZBuyAddonInput, type TAddonChange, type TBuyAddonInput } from "./buy-addon";
export { changePlan, type TPlanChangeResult } from "./change-plan";
export { getSubscription, type TSubscriptionSummary } from "./get-subscription";
export { quotePlanChange, ZPlanChangeInput, type TPlanChangeInput, type TPlanChangeQuote } from "./quote-plan-change";
export { remindRenewal } from "./remind-renewal";
export { renewSubscription, type TRenewalOutcome } from "./renew-subscription";
export { setAutoRenew } from "./set-auto-renew";
