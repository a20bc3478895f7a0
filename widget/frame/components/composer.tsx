/** @jsxImportSource preact */
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { WIDGET_LIMITS } from "../../../lib/widget/protocol";
import type { TLocale } from "../../shared/i18n";
import type { TTranslate } from "../i18n";
import { Icon } from "./icon";

type TComposerProps = {
  t: TTranslate;
  locale: TLocale;
  inputRef: RefObject<HTMLElement | null>;
  /** False when the client refused the text (too long): it then stays in the box. */
  onSend: (text: string) => boolean;
  onTyping: (active: boolean) => void;
};

const TYPING_IDLE_MS = 4000;
const MAX = WIDGET_LIMITS.messageMaxChars;
/** The counter appears from here on, so the limit never comes as a surprise. */
const COUNTER_FROM = Math.floor(MAX * 0.9);

export function Composer({ t, locale, inputRef, onSend, onTyping }: TComposerProps) {
  const [text, setText] = useState("");
  const typingTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const length = text.trim().length;
  const over = length - MAX;

  const stopTyping = () => {
    if (!typingTimerRef.current) return;
    clearTimeout(typingTimerRef.current);
    typingTimerRef.current = null;
    onTyping(false);
  };
  useEffect(() => () => typingTimerRef.current && clearTimeout(typingTimerRef.current), []);

  const resize = (element: HTMLTextAreaElement) => {
    element.style.height = "auto";
    element.style.height = `${element.scrollHeight + 2}px`;
  };

  const submit = (event?: Event) => {
    event?.preventDefault();
    // The box itself is the truth: autofill and fast input can be ahead of the last render.
    const element = inputRef.current;
    const current = element instanceof HTMLTextAreaElement ? element.value : text;
    const size = current.trim().length;
    if (!size || size > MAX) return;
    stopTyping();
    if (!onSend(current)) return;
    setText("");
    if (element instanceof HTMLTextAreaElement) {
      element.value = "";
      resize(element);
    }
  };

  const onInput = (event: Event) => {
    const element = event.currentTarget as HTMLTextAreaElement;
    setText(element.value);
    resize(element);
    if (!typingTimerRef.current) onTyping(true);
    else clearTimeout(typingTimerRef.current);
    typingTimerRef.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submit(event);
  };

  const number = (value: number) => value.toLocaleString(locale);
  const showCounter = length >= COUNTER_FROM;
  return (
    <form class="cw-composer" onSubmit={submit}>
      <div class="cw-composer-row">
        <label class="cw-sr" for="cw-input">
          {t("composer.label")}
        </label>
        <textarea
          id="cw-input"
          ref={inputRef as RefObject<HTMLTextAreaElement>}
          class="cw-input"
          rows={1}
          placeholder={t("composer.placeholder")}
          value={text}
          aria-invalid={over > 0 ? "true" : undefined}
          aria-describedby={over > 0 ? "cw-too-long" : showCounter ? "cw-count" : undefined}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={stopTyping}
        />
        <button type="submit" class="cw-send" aria-label={t("composer.send")} title={t("composer.send")} disabled={!length || over > 0}>
          <Icon name="send" />
        </button>
      </div>
      {showCounter && (
        <p id="cw-count" class={`cw-count${over > 0 ? " cw-count-over" : ""}`}>
          {t("composer.count", { count: number(length), max: number(MAX) })}
        </p>
      )}
      {over > 0 && (
        <p id="cw-too-long" class="cw-error" role="alert">
          {t("composer.tooLong", { max: number(MAX), over: number(over) })}
        </p>
      )}
    </form>
  );
}
