/**
 * Stroke icons (24×24, stroke-width 2, round caps) as SVG path data, so the loader can
 * build them with DOM calls and the frame with JSX; no markup strings anywhere.
 */

export type TIconName = "chat" | "help" | "sparkle" | "close" | "chevronDown" | "send" | "mail";

export const ICON_PATHS: Record<TIconName, string[]> = {
  chat: ["M21 11.5a8.4 8.4 0 0 1-12.2 7.5L3 21l2-5.4A8.5 8.5 0 1 1 21 11.5z"],
  help: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3", "M12 17h.01"],
  sparkle: [
    "M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z",
    "M19 15.5l.7 1.8 1.8.7-1.8.7-.7 1.8-.7-1.8-1.8-.7 1.8-.7z",
  ],
  close: ["M18 6 6 18", "M6 6l12 12"],
  chevronDown: ["M6 9l6 6 6-6"],
  send: ["M22 2 11 13", "M22 2l-7 20-4-9-9-4z"],
  mail: ["M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z", "M3 7l9 6 9-6"],
};
