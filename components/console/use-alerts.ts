"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { chime, DEFAULT_PREFS, desktopPermission, notifyDesktop, readAlertPrefs, requestDesktopPermission, subscribeAlerts, unlockAudio, writeAlertPrefs, type TAlertPrefs, type TDesktopPermission } from "./alerts";
import { titleWithBadge } from "./console-state";

/**
 * Sound and desktop-notification preferences, the tab title badge "(n) …" for chats offered
 * to this operator, and the text of the console's ARIA live region.
 */
export function useAlerts(offerCount: number) {
  const prefs = useSyncExternalStore(subscribeAlerts, readAlertPrefs, () => DEFAULT_PREFS);
  const permission = useSyncExternalStore<TDesktopPermission>(subscribeAlerts, desktopPermission, () => "unsupported");
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);

  const baseTitle = useRef<string | null>(null);
  useEffect(() => {
    baseTitle.current ??= document.title;
    document.title = titleWithBadge(document.title || baseTitle.current, offerCount);
  }, [offerCount]);
  useEffect(
    () => () => {
      if (baseTitle.current) document.title = titleWithBadge(baseTitle.current, 0);
    },
    [],
  );

  const setPrefs = useCallback((next: TAlertPrefs) => writeAlertPrefs(next), []);

  const enableDesktop = useCallback(async () => {
    if ((await requestDesktopPermission()) === "granted") writeAlertPrefs({ ...readAlertPrefs(), desktop: true });
  }, []);

  const alert = useCallback((input: { sound?: "offer" | "message"; desktop?: { title: string; body: string; tag: string; onClick: () => void }; announce?: string }) => {
    const current = readAlertPrefs();
    if (input.sound && current.sound) chime(input.sound);
    if (input.desktop && current.desktop) notifyDesktop(input.desktop.title, input.desktop.body, input.desktop.tag, input.desktop.onClick);
    // A changed text is announced; the same text twice needs a nudge.
    if (input.announce) setAnnouncement((previous) => (previous === input.announce ? `${input.announce}\u00a0` : input.announce!));
  }, []);

  return { prefs, setPrefs, permission, enableDesktop, announcement, alert };
}
