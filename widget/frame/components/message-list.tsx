/** @jsxImportSource preact */
import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { TWidgetConfig } from "../../../lib/widget/protocol";
import type { TLocale } from "../../shared/i18n";
import type { TTranslate } from "../i18n";
import type { TOperator } from "../live-state";
import type { TChatState } from "../state";
import { Avatar } from "./avatar";
import { MarkdownBody, MessageItem, TypingDots } from "./message-item";

type TMessageListProps = {
  config: TWidgetConfig;
  locale: TLocale;
  chat: TChatState;
  open: boolean;
  t: TTranslate;
  onSend: (text: string) => boolean;
  onRetry: (clientMessageId: string) => void;
  /** The operator who has the chat: their typing shows with their name. */
  operator?: TOperator | null;
  /** Below the conversation (the post-chat survey); `tailKey` changes when it does, to follow it. */
  tail?: ComponentChildren;
  tailKey?: string;
};

const NEAR_BOTTOM_PX = 80;
const NO_CITATIONS: never[] = [];

/** The bot's greeting, shown above the conversation and above the pre-chat form. */
export function Greeting({ config, locale, t }: { config: TWidgetConfig; locale: TLocale; t: TTranslate }) {
  const { greeting } = config.texts[locale];
  if (!greeting) return null;
  return (
    <li class="cw-row cw-them">
      <span class="cw-sr">{config.title}:</span>
      <div class="cw-bubble">
        <MarkdownBody text={greeting} citations={NO_CITATIONS} streaming={false} t={t} />
      </div>
    </li>
  );
}

export function MessageList({ config, locale, chat, open, t, onSend, onRetry, operator, tail, tailKey }: TMessageListProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const stuckToBottomRef = useRef(true);
  const { suggestions } = config.texts[locale];
  const { messages, typing } = chat;
  const visitorHasWritten = messages.some((message) => message.role === "visitor");
  // A streaming message shows its own dots until its first words arrive.
  const showTyping = (typing.bot || typing.operator) && !messages.some((message) => message.status === "streaming");

  // Follow new content unless the visitor has scrolled up to read.
  useLayoutEffect(() => {
    const element = logRef.current;
    if (element && stuckToBottomRef.current) element.scrollTop = element.scrollHeight;
  }, [messages, showTyping, open, tailKey]);

  // Also when the log itself shrinks: a banner appears, the on-screen keyboard opens.
  useEffect(() => {
    const element = logRef.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (stuckToBottomRef.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = logRef.current;
    if (element) stuckToBottomRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
  };

  return (
    <div class="cw-log" ref={logRef} onScroll={onScroll}>
      <ul class="cw-list">
        <Greeting config={config} locale={locale} t={t} />
        {messages.map((message) => (
          <MessageItem key={message.clientMessageId ?? message.id} message={message} botName={config.title} origin={config.origin} t={t} onRetry={onRetry} />
        ))}
        {showTyping && (
          <li class="cw-row cw-them">
            {typing.operator && operator && (
              <span class="cw-author" aria-hidden="true">
                <Avatar person={operator} origin={config.origin} small />
                {operator.name}
              </span>
            )}
            <div class="cw-bubble">
              <TypingDots label={t("typing", { name: typing.operator && operator ? operator.name : config.title })} />
            </div>
          </li>
        )}
      </ul>
      {tail}
      {!visitorHasWritten && suggestions.length > 0 && (
        <div class="cw-chips" role="group" aria-label={t("suggestions.label")}>
          {suggestions.map((suggestion) => (
            <button key={suggestion} type="button" class="cw-chip" onClick={() => onSend(suggestion)}>
              {suggestion}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
