/**
 * The console's keyboard shortcuts: one table for the handler and the help overlay. Alt
 * combinations are matched on `event.code` (the physical key), because on a Mac Option+A
 * types "å" and `event.key` would never be "a".
 */
export type TShortcutAction =
  | { type: "accept" }
  | { type: "decline" }
  | { type: "nextChat" }
  | { type: "prevChat" }
  | { type: "closeChat" }
  | { type: "transfer" }
  | { type: "toggleNote" }
  | { type: "suggest" }
  | { type: "toggleStatus" }
  | { type: "tab"; index: number }
  | { type: "canned" }
  | { type: "help" };

export type TKeyInput = {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** Typing in a text field, textarea, select or contenteditable. */
  inEditable: boolean;
  /** An IME composition is running (the key belongs to it). */
  isComposing?: boolean;
};

const ALT_KEYS: Record<string, TShortcutAction> = {
  KeyA: { type: "accept" },
  KeyD: { type: "decline" },
  ArrowDown: { type: "nextChat" },
  ArrowUp: { type: "prevChat" },
  KeyW: { type: "closeChat" },
  KeyT: { type: "transfer" },
  KeyN: { type: "toggleNote" },
  KeyG: { type: "suggest" },
  KeyS: { type: "toggleStatus" },
};

export function shortcutFor(input: TKeyInput): TShortcutAction | null {
  if (input.isComposing || input.ctrlKey || input.metaKey) return null;
  if (input.altKey) {
    if (input.shiftKey) return null;
    const digit = /^Digit([1-9])$/.exec(input.code);
    if (digit) return { type: "tab", index: Number(digit[1]) - 1 };
    return ALT_KEYS[input.code] ?? null;
  }
  if (input.inEditable) return null;
  if (input.key === "?") return { type: "help" };
  if (input.key === "/") return { type: "canned" };
  return null;
}

/** What the help overlay lists, in order: keys as shown, and the translation key of the description. */
export const SHORTCUT_HELP: { keys: string[]; label: string }[] = [
  { keys: ["Alt", "A"], label: "accept" },
  { keys: ["Alt", "D"], label: "decline" },
  { keys: ["Alt", "↓"], label: "nextChat" },
  { keys: ["Alt", "↑"], label: "prevChat" },
  { keys: ["Alt", "1–9"], label: "tab" },
  { keys: ["Alt", "W"], label: "closeChat" },
  { keys: ["Alt", "T"], label: "transfer" },
  { keys: ["Alt", "N"], label: "toggleNote" },
  { keys: ["Alt", "G"], label: "suggest" },
  { keys: ["Alt", "S"], label: "toggleStatus" },
  { keys: ["/"], label: "canned" },
  { keys: ["Enter"], label: "send" },
  { keys: ["Shift", "Enter"], label: "newline" },
  { keys: ["Esc"], label: "escape" },
  { keys: ["?"], label: "help" },
];

/** Whether a keyboard event's target is somewhere the user types. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (element as HTMLInputElement).type;
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(type);
}
