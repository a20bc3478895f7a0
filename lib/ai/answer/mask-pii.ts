/**
 * Masks personal data before text leaves for an external LLM (ARCHITECTURE 8): emails,
 * phone numbers, IBANs and payment card numbers become placeholders the model can still
 * talk about ("[email]"). Prices, dates, times, versions, postcodes and order numbers stay:
 * the answer usually depends on them.
 *
 * Order matters: emails first (they may hold digits), then IBANs and cards (validated by
 * checksum, so a match is near-certain), then phones, the loosest pattern, last.
 */
export type TPiiCounts = { email: number; phone: number; iban: number; card: number };
export type TMaskPiiOptions = {
  /** Values never masked, e.g. the owner's published support address and hotline. */
  keep?: readonly string[];
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Country code, check digits, then groups of four (spaces optional) and a shorter last group.
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gi;
// 13–19 digits, optionally grouped by single spaces or dashes; never starting with 0 (no
// card network does, national phone numbers do) and never after "+" (international phones).
const CARD = /(?<![\w+#.,/-])[1-9](?:[ -]?\d){12,18}(?![\w]|[.,]\d)/g;
// International: +49 … or 0049 …, an optional "(0)", then digit groups.
const PHONE_INTERNATIONAL = /(?<![\w#.,/+-])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ ./-]?\(?\d+\)?){2,6}(?![\w]|[.,]\d)/g;
// German national: area code with leading 0 (optionally in brackets), then digit groups.
const PHONE_GERMAN = /(?<![\w#.,/+-])(?:\(0\d{1,5}\)|0\d{1,5})(?:[ /-]{1,3}\d+){1,5}(?![\w]|[.,]\d)|(?<![\w#.,/+-])0\d{8,12}(?![\w]|[.,]\d)/g;
// North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199.
const PHONE_US = /(?<![\w#.,/+-])(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w]|[.,]\d)/g;

// "01/15/2026", "01-12-26": dates that the national phone pattern would otherwise take.
const DATE = /^\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})$/;

/** E.164 allows 15 digits; German numbers have at most 13 with the leading 0. */
const MAX_INTERNATIONAL_DIGITS = 15;
const MAX_NATIONAL_DIGITS = 13;
const MIN_PHONE_DIGITS = 7;

// IBAN lengths of the countries visitors of a German/English site most often bank in; other
// countries only need a plausible length and the checksum.
const IBAN_LENGTHS: Record<string, number> = {
  AT: 20, BE: 16, CH: 21, CZ: 24, DE: 22, DK: 18, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22, IT: 27,
  LI: 21, LU: 20, NL: 18, NO: 15, PL: 28, PT: 25, SE: 24,
};

export function maskPii(text: string, options: TMaskPiiOptions = {}): { text: string; counts: TPiiCounts } {
  const counts: TPiiCounts = { email: 0, phone: 0, iban: 0, card: 0 };
  const kept = keeper(options.keep ?? []);
  let out = text.replace(EMAIL, (match) => (kept(match) ? match : (counts.email++, "[email]")));
  out = out.replace(IBAN, (match) => maskIban(match, kept, counts));
  out = out.replace(CARD, (match) => (isLuhnValid(digitsOf(match)) ? (counts.card++, "[card]") : match));
  for (const [pattern, max] of [[PHONE_INTERNATIONAL, MAX_INTERNATIONAL_DIGITS], [PHONE_GERMAN, MAX_NATIONAL_DIGITS], [PHONE_US, 11]] as const) {
    out = out.replace(pattern, (match) => maskPhone(match, max, kept, counts));
  }
  return { text: out, counts };
}

type TKept = (value: string) => boolean;

/**
 * Emails compare case-insensitively. Numbers compare by their significant digits, and a
 * number also matches when one ends with the other: "+49 30 1234567" is "030 1234567".
 */
function keeper(values: readonly string[]): TKept {
  const emails = new Set(values.filter((v) => v.includes("@")).map((v) => v.trim().toLowerCase()));
  const numbers = values.filter((v) => !v.includes("@")).map(significant).filter((v) => v.length >= MIN_PHONE_DIGITS);
  return (value) => {
    if (value.includes("@")) return emails.has(value.trim().toLowerCase());
    const key = significant(value);
    return numbers.some((n) => n.endsWith(key) || key.endsWith(n));
  };
}

function significant(value: string): string {
  return value.toUpperCase().replace(/[^\dA-Z]/g, "").replace(/^0+/, "");
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/**
 * The pattern may run one group too far ("… 0130 00 1234" where "1234" starts the next
 * word), so shorter prefixes ending at a space are tried as well; the longest valid one wins.
 */
function maskIban(match: string, kept: TKept, counts: TPiiCounts): string {
  for (let end = match.length; end > 0; end = match.lastIndexOf(" ", end - 1)) {
    if (isValidIban(match.slice(0, end))) {
      if (kept(match.slice(0, end))) return match;
      counts.iban++;
      return `[iban]${match.slice(end)}`;
    }
  }
  return match;
}

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected ? iban.length !== expected : iban.length < 15 || iban.length > 34) return false;
  // ISO 13616: move the first four characters to the end, letters become 10–35, mod 97 = 1.
  // Folded digit by digit so the number never outgrows an integer.
  let remainder = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const value = ch >= "A" ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A phone pattern that ran on into a following number ("030 1234567 10115 Berlin") gives
 * back trailing groups until the digit count is plausible again.
 */
function maskPhone(match: string, maxDigits: number, kept: TKept, counts: TPiiCounts): string {
  if (DATE.test(match)) return match;
  let end = match.length;
  while (digitsOf(match.slice(0, end)).length > maxDigits) {
    const cut = match.slice(0, end).search(/[ ./-]+\(?\d+\)?$/);
    if (cut <= 0) return match;
    end = cut;
  }
  const phone = match.slice(0, end);
  if (digitsOf(phone).length < MIN_PHONE_DIGITS || kept(phone)) return match;
  counts.phone++;
  return `[phone]${match.slice(end)}`;
}
