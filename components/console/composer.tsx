"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { Button, Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LIVE_CHAT_LIMITS, type TCannedResponse } from "@/lib/live-chat/protocol";
import type { TCitation } from "@/lib/widget/protocol";
import { CannedPicker } from "./canned-picker";
import { cannedQuery, cannedText, moveSelection, parseCommand, sendableText } from "./composer-logic";
import type { TResult } from "./console-client";
import type { TRefusal } from "./console-state";
import { Icon } from "./icons";
import { refusalKey } from "./refusal";

export type TDraft = { text: string; internal: boolean };
export type TComposerApi = { focus: () => void; openCanned: () => void; toggleNote: () => void; suggest: () => void };

const TYPING_IDLE_MS = 4000;
const CANNED_DEBOUNCE_MS = 120;

/**
 * Enter sends, Shift+Enter breaks the line. `/word` searches canned responses (arrows,
 * Enter or Tab insert, Escape closes); `open: URL` / `goto: URL` are commands for the
 * visitor's page, sent only once the server accepted them. Typing is reported on start and
 * stop only, and never for internal notes.
 */
export function Composer({
  chatId, visitorName, draft, onDraft, noteOnly, hint, onSend, onTyping, loadCanned, loadSuggestion, apiRef,
}: {
  chatId: string;
  visitorName: string | null;
  draft: TDraft;
  onDraft: (draft: TDraft) => void;
  /** The visitor cannot be answered yet (waiting chat, a colleague's chat): notes only. */
  noteOnly: boolean;
  hint?: ReactNode;
  onSend: (text: string, internal: boolean) => Promise<TResult<unknown>>;
  onTyping: (active: boolean) => void;
  loadCanned: (query: string) => Promise<TResult<{ responses: TCannedResponse[] }>>;
  loadSuggestion: () => Promise<TResult<{ text: string; citations: TCitation[] }>>;
  apiRef?: Ref<TComposerApi>;
}) {
  const t = useTranslations("dashboard.console.composer");
  const tr = useTranslations("dashboard.console.refusals");
  const inputId = useId();
  const listId = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [error, setError] = useState<TRefusal | null>(null);
  const [sending, setSending] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const [suggested, setSuggested] = useState<TCitation[] | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [canned, setCanned] = useState<{ query: string; responses: TCannedResponse[]; loading: boolean }>({ query: "", responses: [], loading: false });
  const [selected, setSelected] = useState(0);

  const internal = noteOnly || draft.internal;
  const query = cannedQuery(draft.text);
  const pickerOpen = query !== null && dismissed !== draft.text;
  const command = internal ? null : parseCommand(draft.text);
  const maxChars = internal ? LIVE_CHAT_LIMITS.noteMaxChars : LIVE_CHAT_LIMITS.messageMaxChars;

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    // A composer mounted in a hidden view (phones) measures 0: leave the CSS minimum then.
    el.style.height = el.scrollHeight ? `${Math.min(el.scrollHeight, 200)}px` : "";
  }, [draft.text]);

  const loadRef = useRef(loadCanned);
  useEffect(() => {
    loadRef.current = loadCanned;
  });

  useEffect(() => {
    if (!pickerOpen) return;
    let stale = false;
    const timer = setTimeout(() => {
      setCanned((c) => ({ ...c, loading: true }));
      void loadRef.current(query).then((res) => {
        if (stale) return;
        setCanned({ query, responses: res.ok ? res.data.responses : [], loading: false });
        setSelected(0);
      });
    }, CANNED_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [pickerOpen, query]);

  const stopTyping = () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = null;
    onTyping(false);
  };

  useEffect(() => () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
  }, []);

  const change = (next: TDraft) => {
    setError(null);
    onDraft(next);
    const typingNow = !(noteOnly || next.internal) && next.text.trim() !== "" && cannedQuery(next.text) === null;
    if (!typingNow) {
      stopTyping();
      return;
    }
    onTyping(true);
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => onTyping(false), TYPING_IDLE_MS);
  };

  const focusEnd = () => {
    requestAnimationFrame(() => {
      const el = input.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    });
  };

  const pick = (response: TCannedResponse) => {
    change({ ...draft, text: cannedText(response, visitorName) });
    setDismissed(null);
    focusEnd();
  };

  const submit = async () => {
    const text = sendableText(draft.text, internal);
    // "/word" while the picker is open is a search, not a message.
    if (!text || sending || pickerOpen) return;
    stopTyping();
    if (command) {
      // A command may be refused (foreign domain): keep the text until the server agreed.
      setSending(true);
      const res = await onSend(text, false);
      setSending(false);
      if (res.ok) onDraft({ ...draft, text: "" });
      else setError(res.error);
      return;
    }
    onDraft({ ...draft, text: "" });
    setSuggested(null);
    void onSend(text, internal);
  };

  const suggest = async () => {
    if (suggesting || noteOnly) return;
    setSuggesting(true);
    setError(null);
    const res = await loadSuggestion();
    setSuggesting(false);
    if (res.ok) {
      onDraft({ text: res.data.text, internal: false });
      setSuggested(res.data.citations);
      focusEnd();
    } else {
      setError(res.error);
    }
  };

  useImperativeHandle(apiRef, () => ({
    focus: () => input.current?.focus(),
    openCanned: () => {
      if (!draft.text) change({ ...draft, text: "/" });
      setDismissed(null);
      focusEnd();
    },
    toggleNote: () => {
      if (!noteOnly) change({ ...draft, internal: !draft.internal });
      input.current?.focus();
    },
    suggest: () => void suggest(),
  }));

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (pickerOpen) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setSelected((i) => moveSelection(i, e.key === "ArrowDown" ? 1 : -1, canned.responses.length));
        return;
      }
      if ((e.key === "Enter" || e.key === "Tab") && !e.shiftKey && canned.responses[selected]) {
        e.preventDefault();
        pick(canned.responses[selected]!);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(draft.text);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      void submit();
    }
  };

  const activeOption = pickerOpen && canned.responses[selected] ? `${listId}-${selected}` : undefined;
  const errorKey = error ? refusalKey(error) : null;

  return (
    <div className={cn("border-t bg-white px-3 pt-2 pb-3 sm:px-4", internal ? "border-amber-200" : "border-slate-200")}>
      <div className="mx-auto max-w-3xl">
        <div className="mb-2 flex items-center gap-2">
          <div className="inline-flex rounded-lg bg-slate-100 p-0.5 text-xs font-medium" role="group" aria-label={t("mode")}>
            <button
              type="button"
              aria-pressed={!internal}
              disabled={noteOnly}
              onClick={() => change({ ...draft, internal: false })}
              className={cn("rounded-md px-2.5 py-1 transition-colors disabled:cursor-not-allowed disabled:opacity-50", !internal ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
            >
              {t("reply")}
            </button>
            <button
              type="button"
              aria-pressed={internal}
              onClick={() => change({ ...draft, internal: true })}
              aria-keyshortcuts="Alt+N"
              className={cn("inline-flex items-center gap-1 rounded-md px-2.5 py-1 transition-colors", internal ? "bg-amber-100 text-amber-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
            >
              <Icon name="lock" className="size-3" />
              {t("note")}
            </button>
          </div>
          {hint && <div className="min-w-0 flex-1 truncate text-xs text-slate-500">{hint}</div>}
        </div>
        <div className={cn("relative rounded-xl ring-1 transition-shadow focus-within:ring-2", internal ? "bg-amber-50 ring-amber-300 focus-within:ring-amber-500" : "bg-white ring-slate-300 focus-within:ring-brand-600")}>
          {pickerOpen && <CannedPicker id={listId} responses={canned.responses} loading={canned.loading || canned.query !== query} selected={selected} query={query} onPick={pick} onHover={setSelected} />}
          <label htmlFor={inputId} className="sr-only">
            {internal ? t("noteLabel") : t("label", { name: visitorName ?? t("visitor") })}
          </label>
          <textarea
            ref={input}
            id={inputId}
            rows={1}
            value={draft.text}
            maxLength={maxChars}
            onChange={(e) => change({ ...draft, text: e.target.value })}
            onKeyDown={onKeyDown}
            onBlur={stopTyping}
            placeholder={internal ? t("notePlaceholder") : t("placeholder")}
            aria-controls={pickerOpen ? listId : undefined}
            aria-activedescendant={activeOption}
            aria-autocomplete={pickerOpen ? "list" : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            data-chat-id={chatId}
            className="block max-h-[200px] min-h-11 w-full resize-none border-0 bg-transparent px-3.5 pt-3 pb-1 text-sm text-slate-900 placeholder:text-slate-400 focus:ring-0 focus:outline-none"
          />
          <div className="flex items-center gap-1 px-2 pb-2">
            <button
              type="button"
              onClick={() => {
                if (!draft.text) change({ ...draft, text: "/" });
                setDismissed(null);
                focusEnd();
              }}
              className="inline-flex h-8 items-center gap-1.5 rounded-lg px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              title={t("cannedTitle")}
            >
              <span aria-hidden="true" className="font-mono text-sm font-semibold">/</span>
              <span className="hidden sm:inline">{t("canned")}</span>
              <span className="sr-only sm:hidden">{t("canned")}</span>
            </button>
            {!noteOnly && (
              <button
                type="button"
                onClick={() => void suggest()}
                disabled={suggesting}
                aria-keyshortcuts="Alt+G"
                className="inline-flex h-8 items-center gap-1.5 rounded-lg px-2 text-xs font-medium text-violet-700 hover:bg-violet-50 disabled:opacity-60"
              >
                {suggesting ? <Spinner className="size-3.5" /> : <Icon name="sparkles" className="size-3.5" />}
                {t("suggest")}
              </button>
            )}
            {draft.text.length > maxChars - 500 && <span className="ml-1 text-[11px] text-slate-500 tabular-nums">{t("chars", { count: draft.text.length, max: maxChars })}</span>}
            <Button size="sm" className={cn("ml-auto", internal && "bg-amber-600 hover:bg-amber-700")} onClick={() => void submit()} loading={sending} disabled={!sendableText(draft.text, internal) || pickerOpen}>
              <Icon name="send" className="size-3.5" />
              {internal ? t("sendNote") : t("send")}
            </Button>
          </div>
        </div>
        <div className="mt-1.5 min-h-4 space-y-1 text-xs">
          {command && !error && (
            <p className="flex items-center gap-1.5 text-brand-700">
              <Icon name="external" className="size-3.5" />
              {t(command.type === "goto" ? "gotoHint" : "openHint", { url: command.url })}
            </p>
          )}
          {suggested && !error && (
            <p className="text-violet-700">
              {t("suggested")}
              {suggested.length > 0 && ` ${t("suggestedFrom", { sources: suggested.map((c) => c.title).join(", ") })}`}
            </p>
          )}
          {error && (
            <p id={`${inputId}-error`} role="alert" className="text-red-700">
              <span className="font-medium">{errorKey ? tr(errorKey) : error.message || tr("internal")}</span>
              {errorKey && error.message && <span className="text-red-600/80"> ({error.message})</span>}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
