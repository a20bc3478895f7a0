/** @jsxImportSource preact */
import type { TTranslate } from "../i18n";
import type { TConnection } from "../state";

export function ConnectionBanner({ connection, t, onRetry }: { connection: TConnection; t: TTranslate; onRetry: () => void }) {
  if (connection === "connecting") {
    return (
      <div class="cw-banner" role="status">
        {t("connection.connecting")}
      </div>
    );
  }
  if (connection !== "offline") return null;
  return (
    <div class="cw-banner cw-banner-off" role="alert">
      <span>{t("connection.offline")}</span>
      <button type="button" class="cw-link-btn" onClick={onRetry}>
        {t("connection.retry")}
      </button>
    </div>
  );
}
