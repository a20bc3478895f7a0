import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-looking id: `cs_test_a1…`, `pi_3…`, `evt_1…`. */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const b of bytes) id += BASE62[b % 62];
  return `${prefix}_${id}`;
}

/** Unix seconds, as in Stripe's `created` fields. */
export const now = () => Math.floor(Date.now() / 1000);
