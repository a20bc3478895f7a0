/** @jsxImportSource preact */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TWidgetConfig } from "../../lib/widget/protocol";
import type { TLocale } from "../shared/i18n";
import type { TChatClient, TChatView } from "./chat-client";
import { Composer } from "./components/composer";
import { ConnectionBanner } from "./components/connection-banner";
import { EndConfirm, Header } from "./components/header";
import { LeaveMessageForm, LeaveMessageButton, PreChatForm } from "./components/forms";
import { MessageList } from "./components/message-list";
import { trapFocus } from "./focus-trap";
import type { TTranslate } from "./i18n";

type TAppProps = { client: TChatClient; config: TWidgetConfig; locale: TLocale; t: TTranslate; embedded: boolean };

/**
 * The client's view, rendered at most once per animation frame: a fast model streams many
 * small deltas, and rendering each one separately would keep the frame busy.
 */
function useView(client: TChatClient): TChatView {
  const [view, setView] = useState(client.getView());
  useEffect(() => {
    let pending = 0;
    setView(client.getView());
    const unsubscribe = client.subscribe(() => {
      pending ||= requestAnimationFrame(() => {
        pending = 0;
        setView(client.getView());
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(pending);
    };
  }, [client]);
  return view;
}

export function App({ client, config, locale, t, embedded }: TAppProps) {
  const view = useView(client);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  // The composer's box, or the pre-chat form's first field while that form is shown.
  const inputRef = useRef<HTMLElement>(null);
  const canEnd = config.closeBehavior === "end" && view.hasSession;
  const minimise = () => client.setOpen(false);
  const finePointer = useMemo(() => window.matchMedia?.("(pointer: fine)").matches ?? true, []);

  // On opening, and when the pre-chat form gives way to the chat, keyboard and mouse users
  // land where they type; touch users on the panel itself, so the on-screen keyboard does
  // not cover the conversation.
  useEffect(() => {
    if (!view.open) return setConfirmingEnd(false);
    (finePointer ? inputRef.current : panelRef.current)?.focus();
  }, [view.open, view.preChatDone, finePointer]);

  const closeLeaveForm = () => {
    setLeaving(false);
    setTimeout(() => inputRef.current?.focus(), 0);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && confirmingEnd) {
      event.preventDefault();
      setConfirmingEnd(false);
    } else if (event.key === "Escape" && leaving) {
      event.preventDefault();
      closeLeaveForm();
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
    setLeaving(false);
    void client.endSession();
  };
  const onMessageLeft = (email: string) => {
    client.notify(t("leave.thanks", { email }));
    closeLeaveForm();
  };

  return (
    <div class="cw-panel" ref={panelRef} role="dialog" aria-modal="true" aria-labelledby="cw-title" tabIndex={-1} onKeyDown={onKeyDown}>
      <Header config={config} t={t} embedded={embedded} canEnd={canEnd} onMinimise={minimise} onEnd={requestEnd} />
      {confirmingEnd && <EndConfirm t={t} onConfirm={confirmEnd} onCancel={() => setConfirmingEnd(false)} />}
      <ConnectionBanner connection={view.chat.connection} t={t} onRetry={client.reconnect} />
      {!view.preChatDone ? (
        <PreChatForm client={client} config={config} locale={locale} t={t} firstFieldRef={inputRef} />
      ) : (
        <>
          <div class="cw-chat" hidden={leaving}>
            <MessageList config={config} locale={locale} chat={view.chat} open={view.open} t={t} onSend={client.send} onRetry={client.retry} />
            {!config.humanAvailable && <LeaveMessageButton t={t} onClick={() => setLeaving(true)} />}
            <Composer t={t} locale={locale} inputRef={inputRef} onSend={client.send} onTyping={client.typing} />
          </div>
          {leaving && <LeaveMessageForm client={client} t={t} onDone={onMessageLeft} onCancel={closeLeaveForm} />}
        </>
      )}
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
