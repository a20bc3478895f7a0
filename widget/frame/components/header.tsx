/** @jsxImportSource preact */
import { useEffect, useRef } from "preact/hooks";
import type { TWidgetConfig } from "../../../lib/widget/protocol";
import type { TTranslate } from "../i18n";
import type { TOperator } from "../live-state";
import { Avatar } from "./avatar";
import { Icon } from "./icon";
import { HeaderMenu, type TMenuItem } from "./menu";

type THeaderProps = {
  config: TWidgetConfig;
  t: TTranslate;
  /** False when the chat page is opened on its own: there is nothing to minimise into. */
  embedded: boolean;
  /** Whether the close icon ends a session (else it only minimises). */
  canEnd: boolean;
  /** The operator who has the chat: their name and picture replace the bot's. */
  operator: TOperator | null;
  menu: TMenuItem[];
  onMinimise: () => void;
  onEnd: () => void;
};

export function Header({ config, t, embedded, canEnd, operator, menu, onMinimise, onEnd }: THeaderProps) {
  return (
    <header class="cw-header">
      {operator ? (
        <Avatar person={operator} origin={config.origin} />
      ) : (
        <span class="cw-avatar">
          <Icon name={config.launcherIcon} />
        </span>
      )}
      <div class="cw-head">
        <h1 id="cw-title" class="cw-title">
          {operator ? operator.name : config.title}
        </h1>
        {operator && <p class="cw-subtitle">{config.title}</p>}
      </div>
      <HeaderMenu items={menu} t={t} />
      {embedded && canEnd && (
        <button type="button" class="cw-hbtn" aria-label={t("header.minimise")} title={t("header.minimise")} onClick={onMinimise}>
          <Icon name="chevronDown" />
        </button>
      )}
      {(embedded || canEnd) && (
        <button
          type="button"
          class="cw-hbtn"
          aria-label={canEnd ? t("header.end") : t("header.minimise")}
          title={canEnd ? t("header.end") : t("header.minimise")}
          onClick={canEnd ? onEnd : onMinimise}
        >
          <Icon name="close" />
        </button>
      )}
    </header>
  );
}

export function EndConfirm({ t, onConfirm, onCancel }: { t: TTranslate; onConfirm: () => void; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div class="cw-confirm" role="alertdialog" aria-labelledby="cw-confirm-text">
      <p id="cw-confirm-text">{t("end.question")}</p>
      <div class="cw-actions">
        <button type="button" class="cw-btn" ref={cancelRef} onClick={onCancel}>
          {t("end.cancel")}
        </button>
        <button type="button" class="cw-btn cw-btn-danger" onClick={onConfirm}>
          {t("end.confirm")}
        </button>
      </div>
    </div>
  );
}
