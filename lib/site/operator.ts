import { env } from "../config/env";

/**
 * The operator of this installation (imprint, privacy controller, terms), read from
 * configuration at request time. Nothing is invented: while a required value is
 * missing, pages show which variables to set instead.
 */
export type TOperatorDetails = {
  name?: string;
  addressLines: string[];
  email?: string;
  phone?: string;
  vatId?: string;
  representative?: string;
  register?: string;
  /** Required variables that are not set (name, address, email). */
  missing: string[];
};

/** Addresses may be written on one line with "\n" (or real newlines) between the lines. */
export function splitAddress(address: string | undefined): string[] {
  if (!address) return [];
  return address
    .split(/\r?\n|\\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function getOperatorDetails(): TOperatorDetails {
  const config = env();
  const missing = (
    [
      ["OPERATOR_NAME", config.OPERATOR_NAME],
      ["OPERATOR_ADDRESS", config.OPERATOR_ADDRESS],
      ["OPERATOR_EMAIL", config.OPERATOR_EMAIL],
    ] as const
  )
    .filter(([, value]) => !value)
    .map(([name]) => name);
  return {
    name: config.OPERATOR_NAME,
    addressLines: splitAddress(config.OPERATOR_ADDRESS),
    email: config.OPERATOR_EMAIL,
    phone: config.OPERATOR_PHONE,
    vatId: config.OPERATOR_VAT_ID,
    representative: config.OPERATOR_REPRESENTATIVE,
    register: config.OPERATOR_REGISTER,
    missing,
  };
}
