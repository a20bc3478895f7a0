"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { TCannedResponse } from "@/lib/live-chat/protocol";
import type { TCitation } from "@/lib/widget/protocol";
import { Composer, type TComposerApi, type TDraft } from "./composer";
import type { TResult } from "./console-client";
import { chatPermissions, type TChat, type TMe } from "./console-state";
import { Icon } from "./icons";
import { refusalKey } from "./refusal";
import { Transcript } from "./transcript";
import { VisitorAvatar } from "./visitor-avatar";

export type TChatViewProps = {
  chat: TChat;
  me: TMe | null;
  visitorName: string;
  offeredToMe: boolean;
  typingNames: string[];
  draft: TDraft;
  busy: boolean;
  composerRef: Ref<TComposerApi>;
  onDraft: (draft: TDraft) => void;
  onAccept: () => void;
  onDecline: () => void;
  onTransfer: () => void;
  onClose: () => void;
  onCloseTab: () => void;
  onReload: () => void;
  onBack: () => void;
  onInfo: () => void;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  onSend: (text: string, internal: boolean) => Promise<TResult<unknown>>;
  onTyping: (active: boolean) => void;
  loadCanned: (query: string) => Promise<TResult<{ responses: TCannedResponse[] }>>;
  loadSuggestion: () => Promise<TResult<{ text: string; citations: TCitation[] }>>;
};

/** One chat: who and where the visitor is, what can be done, the transcript and the composer. */
export function ChatView(props: TChatViewProps) {
  const { chat, me, visitorName, offeredToMe, busy } = props;
  const t = useTranslations("dashboard.console");
  const c = chat.conversation;
  const can = chatPermissions(chat, me);

  if (!c && chat.error) {
    const key = refusalKey(chat.error);
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
        <p className="text-sm font-semibold text-slate-900">{t("chat.loadFailed")}</p>
        <p className="max-w-sm text-sm text-slate-600">{key ? t(`refusals.${key}`) : chat.error.message}</p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={props.onReload}>
            {t("chat.retry")}
          </Button>
          <Button variant="ghost" size="sm" onClick={props.onCloseTab}>
            {t("chat.closeTab")}
          </Button>
        </div>
      </div>
    );
  }

  const statusLabel = !c
    ? t("chat.loading")
    : c.status === "assigned"
      ? c.assignedTo?.userId === me?.userId
        ? t("chatStatus.assignedToYou")
        : t("chatStatus.assignedTo", { name: c.assignedTo?.name ?? "?" })
      : t(`chatStatus.${c.status}`);

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-chat-view={chat.id}>
      <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-2 sm:gap-3 sm:px-4">
        <button type="button" onClick={props.onBack} className="rounded-lg p-2 text-slate-600 hover:bg-slate-100 lg:hidden" aria-label={t("views.backToList")}>
          <Icon name="back" className="size-5" />
        </button>
        <VisitorAvatar name={visitorName} seed={chat.id} />
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold text-slate-900 sm:text-base" data-testid="chat-title">
            {visitorName}
          </h2>
          <p className="flex min-w-0 items-center gap-1.5 text-xs text-slate-500">
            <span
              className={cn(
                "inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 py-px font-medium",
                c?.status === "queued" ? "bg-amber-50 text-amber-800" : c?.status === "assigned" ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-600",
              )}
              data-testid="chat-status"
            >
              {statusLabel}
            </span>
            {c?.department && <span className="truncate">· {c.department.name}</span>}
            {c && <span className="hidden truncate sm:inline">· {c.botName}</span>}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1.5">
          {can.canAccept && (
            <>
              <Button size="sm" onClick={props.onAccept} loading={busy} aria-keyshortcuts="Alt+A">
                {t("queue.accept")}
              </Button>
              {offeredToMe && (
                <Button size="sm" variant="secondary" onClick={props.onDecline} disabled={busy} aria-keyshortcuts="Alt+D" className="hidden sm:inline-flex">
                  {t("queue.decline")}
                </Button>
              )}
            </>
          )}
          {can.canTransfer && (
            <Button size="sm" variant="secondary" onClick={props.onTransfer} aria-keyshortcuts="Alt+T" aria-label={t("chat.transfer")} title={t("chat.transfer")}>
              <Icon name="transfer" className="size-3.5" />
              <span className="hidden sm:max-lg:inline 2xl:inline">{t("chat.transfer")}</span>
            </Button>
          )}
          {can.canClose && (
            <Button size="sm" variant="secondary" onClick={props.onClose} aria-keyshortcuts="Alt+W" aria-label={t("chat.close")} title={t("chat.close")}>
              <Icon name="check" className="size-3.5" />
              <span className="hidden sm:max-lg:inline 2xl:inline">{t("chat.close")}</span>
            </Button>
          )}
          <button type="button" onClick={props.onInfo} className="rounded-lg p-2 text-slate-600 hover:bg-slate-100 xl:hidden" aria-label={t("views.info")} title={t("views.info")}>
            <Icon name="info" className="size-5" />
          </button>
        </div>
      </div>

      <Transcript
        chat={chat}
        meId={me?.userId ?? null}
        botName={c?.botName ?? "Bot"}
        visitorName={visitorName}
        typingNames={props.typingNames}
        onRetry={props.onRetry}
        onDiscard={props.onDiscard}
      />

      {c && (c.status === "closed" || c.status === "bot") ? (
        <div className="border-t border-slate-200 bg-white px-4 py-3">
          <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600">
            <p className="font-medium text-slate-800">{c.status === "closed" ? t("chat.closed") : t("chat.withBot")}</p>
            {c.tags.length > 0 && (
              <p className="flex flex-wrap gap-1">
                {c.tags.map((tag) => (
                  <span key={tag} className="rounded-md bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {tag}
                  </span>
                ))}
              </p>
            )}
            {c.rating !== null && (
              <p className="text-xs" data-testid="chat-rating">
                <span className="text-amber-500" aria-hidden="true">
                  {"★".repeat(c.rating)}
                  {"☆".repeat(5 - c.rating)}
                </span>
                <span className="sr-only">{t("chat.rating", { rating: c.rating })}</span>
                {c.ratingComment && <span className="ml-1.5 text-slate-600">„{c.ratingComment}“</span>}
              </p>
            )}
            <Button size="sm" variant="secondary" className="ml-auto" onClick={props.onCloseTab}>
              {t("chat.closeTab")}
            </Button>
          </div>
        </div>
      ) : (
        c && (
          <Composer
            key={chat.id}
            chatId={chat.id}
            apiRef={props.composerRef}
            visitorName={visitorName}
            draft={props.draft}
            onDraft={props.onDraft}
            noteOnly={!can.canReply}
            hint={
              !can.canReply
                ? c.status === "queued"
                  ? t("composer.acceptFirst")
                  : t("composer.colleaguesChat", { name: c.assignedTo?.name ?? "?" })
                : undefined
            }
            onSend={props.onSend}
            onTyping={props.onTyping}
            loadCanned={props.loadCanned}
            loadSuggestion={props.loadSuggestion}
          />
        )
      )}
    </div>
  );
}
