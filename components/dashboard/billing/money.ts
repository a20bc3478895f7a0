import { formatEuros } from "@/lib/plans/plans";

/** Money on the billing pages: EUR cents in, the reader's locale out (lib/plans formatEuros). */
export type TMoneyLocale = "de" | "en";

/** "25 €", "24,65 €": whole amounts without decimals (packages, balance, headlines). */
export function euros(cents: number, locale: TMoneyLocale): string {
  return formatEuros(cents, locale);
}

/** "25,00 €" with fixed decimals, for columns that line up; `signed` adds + or − (never to 0). */
export function eurosExact(cents: number, locale: TMoneyLocale, options: { signed?: boolean } = {}): string {
  return formatEuros(cents, locale, { exact: true, signed: options.signed });
}

/**
 * A typed euro amount ("40", "12,50", "12.5", "1.000", "1,000.50") as cents, or null when it is
 * not an amount with at most two decimals.
 */
export function parseEuros(input: string): number | null {
  const text = input.replace(/\s|€/g, "");
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const lastSep = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
  let whole = text;
  let fraction = "";
  // A separator followed by one or two digits is the decimal mark; three digits means thousands.
  if (lastSep >= 0 && text.length - lastSep - 1 <= 2) {
    whole = text.slice(0, lastSep);
    fraction = text.slice(lastSep + 1);
  }
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(whole)) return null;
  const cents = Number(whole.replace(/[.,]/g, "")) * 100 + Number(fraction.padEnd(2, "0") || "0");
  return Number.isSafeInteger(cents) ? cents : null;
}
