import { randomBytes } from "node:crypto";

/** Object ids in Stripe's formats, and Stripe's clock (seconds). */

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function rand(length: number): string {
  let out = "";
  for (const byte of randomBytes(length)) out += ALNUM.charAt(byte % ALNUM.length);
  return out;
}

export const newId = {
  customer: () => `cus_${rand(14)}`,
  session: () => `cs_test_a1${rand(56)}`,
  paymentIntent: () => `pi_3${rand(23)}`,
  invoice: () => `in_1${rand(23)}`,
  lineItem: () => `il_1${rand(23)}`,
  taxId: () => `txi_1${rand(23)}`,
  event: () => `evt_1${rand(23)}`,
  request: () => `req_${rand(14)}`,
};

export const ID_SEGMENT = /^(cus|cs_test|cs_live|in|txi|pi|evt|il)_[A-Za-z0-9_]+$/;

export const now = () => Math.floor(Date.now() / 1000);
