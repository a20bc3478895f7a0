/** @jsxImportSource preact */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TWidgetConfig } from "../../lib/widget/protocol";
import type { TLocale } from "../shared/i18n";
import type { TChatClient, TChatView } from "./chat-client";
import { Composer } from "./components/composer";
import { ConnectionBanner } from "./components/connection-banner";
import { EndConfirm, Header } from "./components/header";
import { HumanOrMessageButton, LeaveMessageForm, PreChatForm } from "./components/forms";
import { LiveStatus } from "./components/live-status";
import type { TMenuItem } from "./components/menu";
import { MessageList } from "./components/message-list";
import { Survey } from "./components/survey";
import { trapFocus } from "./focus-trap";
import type { TTranslate } from "./i18n";
import { canAskForHuman, rateBeforeEnding } from "./live-state";

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
  const { live } = view;
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [leavingByChoice, setLeaving] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  // The composer's box, or the pre-chat form's first field while that form is shown.
  const inputRef = useRef<HTMLElement>(null);
  const canEnd = config.closeBehavior === "end" && view.hasSession;
  const minimise = () => client.setOpen(false);
  const finePointer = useMemo(() => window.matchMedia?.("(pointer: fine)").matches ?? true, []);
  // An offline answer to "talk to a human" opens the leave-a-message form with the department's words.
  const leaving = leavingByChoice || live.offline !== null;
  const botHasChat = canAskForHuman(live) && view.preChatDone;
  // Asked before the visitor's own "end chat": the survey takes the chat's place.
  const endingSurvey = live.survey?.ending ? live.survey : null;
  const chatSurvey = live.survey && !live.survey.ending ? live.survey : null;

  // On opening, and when the pre-chat form gives way to the chat, keyboard and mouse users
  // land where they type; touch users on the panel itself, so the on-screen keyboard does
  // not cover the conversation.
  useEffect(() => {
    if (!view.open) return setConfirmingEnd(false);
    (finePointer ? inputRef.current : panelRef.current)?.focus();
  }, [view.open, view.preChatDone, finePointer]);

  const closeLeaveForm = () => {
    setLeaving(false);
    if (live.offline) client.offlineDone();
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

  const end = () => {
    setLeaving(false);
    if (rateBeforeEnding(live)) client.openSurvey(true);
    else void client.endSession();
  };
  const requestEnd = () => (view.chat.messages.length > 0 ? setConfirmingEnd(true) : end());
  const confirmEnd = () => {
    setConfirmingEnd(false);
    end();
  };
  const onMessageLeft = (email: string) => {
    client.notify(t("leave.thanks", { email }));
    closeLeaveForm();
  };
  const askForHuman = () => {
    setLeaving(false);
    void client.requestHuman();
  };

  const menu: TMenuItem[] = [];
  if (botHasChat && !endingSurvey) menu.push({ id: "human", label: t("human.open"), onSelect: askForHuman });
  if (botHasChat && !endingSurvey && !leaving) menu.push({ id: "leave", label: t("leave.open"), onSelect: () => setLeaving(true) });

  const survey = (current: NonNullable<typeof live.survey>) => (
    <Survey
      survey={current}
      operatorName={live.lastOperator?.name ?? null}
      t={t}
      onRate={(rating, comment) => void client.rate(rating, comment)}
      onDismiss={() => void client.dismissSurvey()}
    />
  );

  return (
    <div class="cw-panel" ref={panelRef} role="dialog" aria-modal="true" aria-labelledby="cw-title" tabIndex={-1} onKeyDown={onKeyDown}>
      <Header config={config} t={t} embedded={embedded} canEnd={canEnd && !endingSurvey} operator={live.operator} menu={menu} onMinimise={minimise} onEnd={requestEnd} />
      {confirmingEnd && <EndConfirm t={t} onConfirm={confirmEnd} onCancel={() => setConfirmingEnd(false)} />}
      <ConnectionBanner connection={view.chat.connection} t={t} onRetry={client.reconnect} />
      <LiveStatus live={live} t={t} />
      {endingSurvey ? (
        <div class="cw-log cw-sheet">{survey(endingSurvey)}</div>
      ) : !view.preChatDone ? (
        <PreChatForm client={client} config={config} locale={locale} t={t} firstFieldRef={inputRef} />
      ) : (
        <>
          <div class="cw-chat" hidden={leaving}>
            <MessageList
              config={config}
              locale={locale}
              chat={view.chat}
              open={view.open}
              t={t}
              onSend={client.send}
              onRetry={client.retry}
              operator={live.operator}
              tail={chatSurvey && survey(chatSurvey)}
              tailKey={chatSurvey?.phase}
            />
            {botHasChat && chatSurvey?.phase !== "asking" && chatSurvey?.phase !== "sending" && <HumanOrMessageButton t={t} humanAvailable={live.humanAvailable} onHuman={askForHuman} onLeave={() => setLeaving(true)} />}
            <Composer t={t} locale={locale} inputRef={inputRef} onSend={client.send} onTyping={client.typing} />
          </div>
          {leaving && <LeaveMessageForm client={client} t={t} offlineMessage={live.offline?.message} onDone={onMessageLeft} onCancel={closeLeaveForm} />}
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
