/** IANA zones for the business-hours editor, most likely ones first (German-speaking market). */
const COMMON = ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/London", "UTC"];

export function timeZoneOptions(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...COMMON, ...all.filter((z) => !COMMON.includes(z))];
}

export const DEFAULT_TIME_ZONE = "Europe/Berlin";
