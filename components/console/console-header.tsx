"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TOperatorStatus } from "@/lib/live-chat/protocol";
import type { TAlertPrefs, TDesktopPermission } from "./alerts";
import type { TConnection } from "./console-state";
import { Icon } from "./icons";
import { StatusMenu } from "./status-menu";

/** Title, connection, availability, sound and desktop notifications, and the shortcut help. */
export function ConsoleHeader({
  status, ready, connection, prefs, permission, onStatus, onPrefs, onEnableDesktop, onHelp,
}: {
  status: TOperatorStatus;
  ready: boolean;
  connection: TConnection;
  prefs: TAlertPrefs;
  permission: TDesktopPermission;
  onStatus: (status: TOperatorStatus) => void;
  onPrefs: (prefs: TAlertPrefs) => void;
  onEnableDesktop: () => void;
  onHelp: () => void;
}) {
  const t = useTranslations("dashboard.console");
  const desktopOn = permission === "granted" && prefs.desktop;
  const iconButton = "inline-flex size-9 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-50";
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 sm:gap-3 sm:px-4">
      <h1 className="truncate text-base font-semibold text-slate-900">{t("title")}</h1>
      <span
        className={cn(
          "hidden items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium sm:inline-flex",
          connection === "connected" ? "bg-emerald-50 text-emerald-700" : connection === "failed" ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-600",
        )}
        data-testid="connection-state"
      >
        <span aria-hidden="true" className={cn("size-1.5 rounded-full", connection === "connected" ? "bg-emerald-500" : connection === "failed" ? "bg-red-500" : "animate-pulse bg-slate-400")} />
        {t(`connection.${connection === "idle" ? "connecting" : connection === "failed" ? "offline" : connection}`)}
      </span>
      <div className="ml-auto flex items-center gap-1">
        <button type="button" className={iconButton} aria-pressed={prefs.sound} aria-label={t("header.sound")} title={t("header.sound")} onClick={() => onPrefs({ ...prefs, sound: !prefs.sound })}>
          <Icon name={prefs.sound ? "volume" : "mute"} className="size-[18px]" />
        </button>
        {permission === "default" || permission === "denied" || permission === "unsupported" ? (
          <button
            type="button"
            className={iconButton}
            disabled={permission !== "default"}
            aria-label={permission === "default" ? t("header.enableDesktop") : t(`header.desktop_${permission}`)}
            title={permission === "default" ? t("header.enableDesktop") : t(`header.desktop_${permission}`)}
            onClick={onEnableDesktop}
          >
            <Icon name="bellOff" className="size-[18px]" />
          </button>
        ) : (
          <button type="button" className={iconButton} aria-pressed={desktopOn} aria-label={t("header.desktop")} title={t("header.desktop")} onClick={() => onPrefs({ ...prefs, desktop: !prefs.desktop })}>
            <Icon name={desktopOn ? "bell" : "bellOff"} className="size-[18px]" />
          </button>
        )}
        <button type="button" className={cn(iconButton, "hidden sm:inline-flex")} aria-label={t("header.shortcuts")} title={t("header.shortcuts")} aria-keyshortcuts="?" onClick={onHelp}>
          <Icon name="keyboard" className="size-[18px]" />
        </button>
        <span className="mx-1 hidden h-6 w-px bg-slate-200 sm:block" aria-hidden="true" />
        <StatusMenu status={status} disabled={!ready || connection !== "connected"} onChange={onStatus} />
      </div>
    </header>
  );
}
