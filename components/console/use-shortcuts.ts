"use client";

import { useEffect, useRef } from "react";
import { isEditableTarget, shortcutFor } from "./shortcuts";

export type TShortcutHandlers = {
  onActivity: () => void;
  accept: () => void;
  decline: () => void;
  cycle: (step: 1 | -1) => void;
  tab: (index: number) => void;
  closeChat: () => void;
  transfer: () => void;
  toggleNote: () => void;
  suggest: () => void;
  canned: () => void;
  toggleStatus: () => void;
  help: () => void;
};

/**
 * The console's keyboard shortcuts (shortcuts.ts) on the whole page, and activity reporting
 * for the automatic away. Nothing fires while a dialog is open: it owns the keyboard then.
 */
export function useShortcuts(handlers: TShortcutHandlers) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      ref.current.onActivity();
      if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
      const action = shortcutFor({ key: e.key, code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, inEditable: isEditableTarget(e.target), isComposing: e.isComposing });
      if (!action) return;
      e.preventDefault();
      const h = ref.current;
      switch (action.type) {
        case "accept": return h.accept();
        case "decline": return h.decline();
        case "nextChat": return h.cycle(1);
        case "prevChat": return h.cycle(-1);
        case "tab": return h.tab(action.index);
        case "closeChat": return h.closeChat();
        case "transfer": return h.transfer();
        case "toggleNote": return h.toggleNote();
        case "suggest": return h.suggest();
        case "canned": return h.canned();
        case "toggleStatus": return h.toggleStatus();
        case "help": return h.help();
      }
    };
    const onActivity = () => ref.current.onActivity();
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("wheel", onActivity, { passive: true });
    window.addEventListener("pointermove", onActivity, { passive: true });
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("wheel", onActivity);
      window.removeEventListener("pointermove", onActivity);
    };
  }, []);
}
