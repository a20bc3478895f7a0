/** @jsxImportSource preact */
import { useEffect, useRef, useState } from "preact/hooks";
import type { TWidgetConfig } from "../../lib/widget/protocol";
import type { TLocale } from "../shared/i18n";
import type { TChatClient, TChatView } from "./chat-client";
import { Composer } from "./components/composer";
import { ConnectionBanner } from "./components/connection-banner";
import { EndConfirm, Header } from "./components/header";
import { MessageList } from "./components/message-list";
import { trapFocus } from "./focus-trap";
import type { TTranslate } from "./i18n";

type TAppProps = { client: TChatClient; config: TWidgetConfig; locale: TLocale; t: TTranslate; embedded: boolean };

function useView(client: TChatClient): TChatView {
  const [view, setView] = useState(client.getView());
  useEffect(() => {
    setView(client.getView());
    return client.subscribe(setView);
  }, [client]);
  return view;
}

export function App({ client, config, locale, t, embedded }: TAppProps) {
  const view = useView(client);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const canEnd = config.closeBehavior === "end" && view.hasSession;
  const minimise = () => client.setOpen(false);

  // On opening, keyboard and mouse users land in the composer; touch users on the
  // panel itself, so the on-screen keyboard does not cover the conversation.
  useEffect(() => {
    if (!view.open) return setConfirmingEnd(false);
    const finePointer = window.matchMedia?.("(pointer: fine)").matches;
    (finePointer ? inputRef.current : panelRef.current)?.focus();
  }, [view.open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && confirmingEnd) {
      event.preventDefault();
      setConfirmingEnd(false);
    } else if (event.key === "Escape" && embedded) {
      event.preventDefault();
      minimise();
    } else if (event.key === "Tab" && panelRef.current) {
      trapFocus(panelRef.current, event);
    }
  };

  const requestEnd = () => (view.chat.messages.length > 0 ? setConfirmingEnd(true) : void client.endSession());
  const confirmEnd = () => {
    setConfirmingEnd(false);
    void client.endSession();
  };

  return (
    <div class="cw-panel" ref={panelRef} role="dialog" aria-modal="true" aria-labelledby="cw-title" tabIndex={-1} onKeyDown={onKeyDown}>
      <Header config={config} t={t} embedded={embedded} canEnd={canEnd} onMinimise={minimise} onEnd={requestEnd} />
      {confirmingEnd && <EndConfirm t={t} onConfirm={confirmEnd} onCancel={() => setConfirmingEnd(false)} />}
      <ConnectionBanner connection={view.chat.connection} t={t} onRetry={client.reconnect} />
      <MessageList config={config} locale={locale} chat={view.chat} open={view.open} t={t} onSend={client.send} onRetry={client.retry} />
      <Composer t={t} inputRef={inputRef} onSend={client.send} onTyping={client.typing} />
      {config.showBranding && (
        <p class="cw-brand">
          <a href={config.origin} target="_blank" rel="noopener noreferrer">
            {t("branding")}
          </a>
        </p>
      )}
      <div class="cw-sr" aria-live="polite" aria-atomic="true">
        {view.announcement}
      </div>
    </div>
  );
}
