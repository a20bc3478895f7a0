"use client";

import { useEffect, useRef } from "react";

/** Moves focus to the card heading when a screen changes state (form → "check your inbox"). */
export function useHeadingFocus(headingId: string, state: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(headingId)?.focus();
  }, [headingId, state]);
}
