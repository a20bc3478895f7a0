/** Locale choice and string lookup shared by the loader and the frame. */

export type TLocale = "de" | "en";

export type TStringTable = Record<string, string>;

/** German or English by the browser's language; anything else gets the bot's default. */
export function pickLocale(language: string | undefined | null, fallback: TLocale): TLocale {
  const primary = (language ?? "").toLowerCase().split(/[-_]/)[0];
  return primary === "de" || primary === "en" ? primary : fallback;
}

/**
 * The owner's override wins over the built-in string; `{name}` placeholders are filled
 * from `vars`. Unknown keys return the key itself so a missing string is visible, not blank.
 */
export function translate(
  table: TStringTable,
  overrides: Record<string, string> | undefined,
  key: string,
  vars?: Record<string, string | number>,
): string {
  const has = (record: Record<string, string> | undefined): record is Record<string, string> => !!record && Object.prototype.hasOwnProperty.call(record, key);
  const own = has(overrides) ? overrides[key] : undefined;
  const template = typeof own === "string" && own.trim() !== "" ? own : has(table) ? (table[key] as string) : key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
