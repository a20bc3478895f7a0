/**
 * Owner-chosen colours are validated (they end up in CSS) and paired with a text colour
 * that stays readable: WCAG contrast of at least 4.5:1, else white or near-black.
 */

export const DEFAULT_PRIMARY = "#2563eb";
const LIGHT_TEXT = "#ffffff";
const DARK_TEXT = "#111827";
const MIN_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb`, normalised to lower-case `#rrggbb`; null for anything else. */
export function normaliseHex(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match?.[1]) return null;
  const hex = match[1].toLowerCase();
  return hex.length === 3 ? `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}` : `#${hex}`;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export type TWidgetColors = {
  /** Background of the launcher, header and visitor bubbles. */
  primary: string;
  /** Text and icons on `primary`. */
  onPrimary: string;
  /** `primary` where it is readable as text on white (links), else a dark fallback. */
  accentText: string;
};

export function resolveColors(colors: { primary?: unknown; onPrimary?: unknown } | undefined): TWidgetColors {
  const primary = normaliseHex(colors?.primary) ?? DEFAULT_PRIMARY;
  const wanted = normaliseHex(colors?.onPrimary);
  const onPrimary =
    wanted && contrastRatio(primary, wanted) >= MIN_CONTRAST
      ? wanted
      : contrastRatio(primary, LIGHT_TEXT) >= contrastRatio(primary, DARK_TEXT)
        ? LIGHT_TEXT
        : DARK_TEXT;
  const accentText = contrastRatio(primary, LIGHT_TEXT) >= MIN_CONTRAST ? primary : DARK_TEXT;
  return { primary, onPrimary, accentText };
}
