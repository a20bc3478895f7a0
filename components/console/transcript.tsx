"use client";

import { useLocale, useTranslations } from "next-intl";
import { Fragment, useCallback, useLayoutEffect, useRef, useState } from "react";
import type { TChat } from "./console-state";
import { Icon } from "./icons";
import { MessageItem, PendingItem } from "./message-item";

const NEAR_BOTTOM_PX = 120;

/**
 * The whole conversation, the bot's part included, with day separators, typing indicators
 * and unconfirmed messages at the end. Stays at the bottom while the operator is there;
 * scrolled up, new messages show a "new messages" button instead of jumping.
 */
export function Transcript({
  chat, meId, botName, visitorName, typingNames, onRetry, onDiscard,
}: {
  chat: TChat;
  meId: string | null;
  botName: string;
  visitorName: string;
  typingNames: string[];
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
}) {
  const t = useTranslations("dashboard.console.messages");
  const locale = useLocale();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [unseen, setUnseen] = useState(false);
  const lastChat = useRef(chat.id);
  const count = chat.messages.length + chat.pending.length;
  const timeFormat = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
  const dayFormat = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long" });

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    stick.current = true;
    setUnseen(false);
  }, []);

  useLayoutEffect(() => {
    if (lastChat.current !== chat.id) {
      lastChat.current = chat.id;
      toBottom();
      return;
    }
    if (stick.current) toBottom();
    else setUnseen(true);
  }, [chat.id, count, chat.visitorTyping, typingNames.length, toBottom]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (stick.current) setUnseen(false);
  };

  const dayOf = (iso: string) => new Date(iso).toDateString();
  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} onScroll={onScroll} className="h-full overflow-y-auto px-3 py-4 sm:px-5" tabIndex={0} role="region" aria-label={t("log")}>
        {chat.loading && chat.messages.length === 0 ? (
          <p className="py-10 text-center text-sm text-slate-500">{t("loading")}</p>
        ) : (
          <ol className="mx-auto flex max-w-3xl flex-col gap-3">
            {chat.messages.map((message, i) => {
              const previous = chat.messages[i - 1];
              const separator = !previous || dayOf(previous.createdAt) !== dayOf(message.createdAt);
              return (
                <Fragment key={message.id}>
                  {separator && (
                    <li className="flex items-center gap-3 py-1 text-[11px] font-medium text-slate-500" aria-hidden="true">
                      <span className="h-px flex-1 bg-slate-200" />
                      {dayFormat.format(new Date(message.createdAt))}
                      <span className="h-px flex-1 bg-slate-200" />
                    </li>
                  )}
                  <MessageItem message={message} meId={meId} botName={botName} visitorName={visitorName} time={timeFormat.format(new Date(message.createdAt))} />
                </Fragment>
              );
            })}
            {chat.pending.map((pending) => (
              <PendingItem key={pending.clientMessageId} pending={pending} onRetry={() => onRetry(pending.clientMessageId)} onDiscard={() => onDiscard(pending.clientMessageId)} />
            ))}
          </ol>
        )}
        <div className="mx-auto mt-3 min-h-5 max-w-3xl space-y-1">
          {chat.visitorTyping && <TypingLine text={t("visitorTyping", { name: visitorName })} />}
          {typingNames.length > 0 && <TypingLine text={t("colleagueTyping", { names: typingNames.join(", "), count: typingNames.length })} />}
        </div>
      </div>
      {unseen && (
        <button type="button" onClick={toBottom} className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full bg-slate-900 px-3 py-1.5 text-xs font-medium text-white shadow-lg hover:bg-slate-800">
          <Icon name="arrowDown" className="size-3.5" />
          {t("newBelow")}
        </button>
      )}
    </div>
  );
}

function TypingLine({ text }: { text: string }) {
  return (
    <p className="flex items-center gap-2 text-xs text-slate-500" data-testid="typing">
      <span className="inline-flex gap-0.5" aria-hidden="true">
        {[0, 150, 300].map((delay) => (
          <span key={delay} className="size-1.5 animate-bounce rounded-full bg-slate-400" style={{ animationDelay: `${delay}ms` }} />
        ))}
      </span>
      {text}
    </p>
  );
}
