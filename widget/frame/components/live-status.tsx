/** @jsxImportSource preact */
import { formatWait, type TTranslate } from "../i18n";
import type { TLiveState } from "../live-state";

/** The line under the header while the chat is on its way to a human, or just came back to the bot. */
export function liveStatusText(live: TLiveState, t: TTranslate): { text: string; tone: "info" | "wait" | "error" } | null {
  if (live.error) {
    const text = live.error.code === "rate_limited" ? t("live.rateLimited", { wait: formatWait(t, live.error.retryAfterSeconds ?? 60) }) : t("live.failed");
    return { text, tone: "error" };
  }
  if (live.requesting) return { text: t("live.requesting"), tone: "wait" };
  if (live.status === "queued") {
    const text = live.queuePosition ? t("live.queuedPosition", { position: live.queuePosition }) : t("live.queued");
    return { text, tone: "wait" };
  }
  if (live.notice === "backToBot") return { text: t("live.backToBot"), tone: "info" };
  if (live.notice === "invitationExpired") return { text: t("live.invitationExpired"), tone: "info" };
  return null;
}

export function LiveStatus({ live, t }: { live: TLiveState; t: TTranslate }) {
  const status = liveStatusText(live, t);
  return (
    <div class="cw-live-slot" role="status">
      {status && (
        <p class={`cw-live cw-live-${status.tone}`}>
          {status.tone === "wait" && <span class="cw-pulse" aria-hidden="true" />}
          {status.text}
        </p>
      )}
    </div>
  );
}
