/** @jsxImportSource preact */
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { WIDGET_LIMITS } from "../../../lib/widget/protocol";
import type { TTranslate } from "../i18n";
import { Icon } from "./icon";

type TComposerProps = {
  t: TTranslate;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSend: (text: string) => void;
  onTyping: (active: boolean) => void;
};

const TYPING_IDLE_MS = 4000;

export function Composer({ t, inputRef, onSend, onTyping }: TComposerProps) {
  const [text, setText] = useState("");
  const typingTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

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
    if (!text.trim()) return;
    stopTyping();
    onSend(text);
    setText("");
    const element = inputRef.current;
    if (element) {
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

  return (
    <form class="cw-composer" onSubmit={submit}>
      <label class="cw-sr" for="cw-input">
        {t("composer.label")}
      </label>
      <textarea
        id="cw-input"
        ref={inputRef}
        class="cw-input"
        rows={1}
        maxLength={WIDGET_LIMITS.messageMaxChars}
        placeholder={t("composer.placeholder")}
        value={text}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
      />
      <button type="submit" class="cw-send" aria-label={t("composer.send")} title={t("composer.send")} disabled={!text.trim()}>
        <Icon name="send" />
      </button>
    </form>
  );
}
