"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import type { TLiveVisitor } from "@/lib/live-chat/protocol";
import { ChatTabs } from "./chat-tabs";
import { ChatView } from "./chat-view";
import { CloseDialog } from "./close-dialog";
import type { TComposerApi, TDraft } from "./composer";
import type { TConsoleSignal, TResult } from "./console-client";
import { AutoAwayBanner, ConnectionBanner } from "./console-banners";
import { ConsoleHeader } from "./console-header";
import { chatPermissions, queueSections, type TRefusal } from "./console-state";
import { visitorTag } from "./format";
import { Icon } from "./icons";
import { InviteDialog } from "./invite-dialog";
import { QueuePanel } from "./queue-panel";
import { refusalKey } from "./refusal";
import { ShortcutsHelp } from "./shortcuts-help";
import { TransferDialog } from "./transfer-dialog";
import { useAlerts } from "./use-alerts";
import { useConsole } from "./use-console";
import { useShortcuts } from "./use-shortcuts";
import { VisitorPanel } from "./visitor-panel";
import { VisitorsPanel } from "./visitors-panel";

type TView = "list" | "chat" | "info";
const EMPTY_DRAFT: TDraft = { text: "", internal: false };

/**
 * The operator console: queue and live visitors on the left, chats in tabs in the middle,
 * the visitor panel on the right; on phones the three are views to switch between.
 * It covers the dashboard's content area (not the navigation) so it can use the full height.
 */
export function ConsoleApp({ slug, departments }: { slug: string; departments: { id: string; name: string }[] }) {
  const t = useTranslations("dashboard.console");
  const toast = useToast();
  const [view, setView] = useState<TView>("list");
  const [infoOverlay, setInfoOverlay] = useState(false);
  const [pane, setPane] = useState<"queue" | "visitors">("queue");
  const [drafts, setDrafts] = useState<Record<string, TDraft>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [transferFor, setTransferFor] = useState<string | null>(null);
  const [closeFor, setCloseFor] = useState<string | null>(null);
  const [inviting, setInviting] = useState<TLiveVisitor | null>(null);
  const [help, setHelp] = useState(false);
  const composer = useRef<TComposerApi>(null);
  const namesRef = useRef<(id: string) => string>(() => "");
  const alertRef = useRef<ReturnType<typeof useAlerts>["alert"]>(() => undefined);
  const openRef = useRef<(id: string) => void>(() => undefined);

  const refusalText = useCallback((refusal: TRefusal) => {
    const key = refusalKey(refusal);
    return key ? t(`refusals.${key}`) : refusal.message || t("refusals.internal");
  }, [t]);

  const onSignal = useCallback((signal: TConsoleSignal) => {
    const alert = alertRef.current;
    if (signal.type === "offer") {
      const name = signal.item.visitor.name || t("visitor.anonymous", { tag: visitorTag(signal.item.id) });
      alert({
        sound: "offer",
        desktop: { title: t("alerts.offerTitle"), body: signal.item.lastMessage ? `${name}: ${signal.item.lastMessage.text}` : name, tag: `offer-${signal.item.id}`, onClick: () => openRef.current(signal.item.id) },
        announce: t("alerts.offer", { name }),
      });
    } else if (signal.type === "visitorMessage") {
      const name = namesRef.current(signal.conversationId);
      const hidden = document.visibilityState === "hidden";
      alert({
        sound: !signal.active || hidden ? "message" : undefined,
        desktop: hidden ? { title: t("alerts.messageTitle", { name }), body: signal.message.text, tag: `message-${signal.conversationId}`, onClick: () => openRef.current(signal.conversationId) } : undefined,
        announce: t("alerts.message", { name, text: signal.message.text.slice(0, 300) }),
      });
    } else if (signal.type === "command") {
      toast.show(t(signal.command.type === "goto" ? "alerts.gotoSent" : "alerts.openSent", { url: signal.command.url }), "success");
    } else if (signal.kind === "visitor_rated") {
      toast.show(t("notices.visitor_rated", { rating: signal.text }), "info");
    } else if (signal.kind !== "auto_away") {
      toast.show(t(`notices.${signal.kind}`), "info");
      alert({ announce: t(`notices.${signal.kind}`) });
    }
  }, [t, toast]);

  const { client, state } = useConsole(slug, onSignal);
  const me = state.me;
  const sections = useMemo(() => (state.queue ? queueSections(state.queue, me?.userId ?? null) : null), [state.queue, me?.userId]);
  const offers = sections?.offers ?? [];
  const alerts = useAlerts(offers.length);

  const nameFor = useCallback((id: string) => {
    const fromChat = state.chats[id]?.visitor?.name;
    const fromQueue = state.queue?.find((q) => q.id === id)?.visitor.name;
    return fromChat || fromQueue || t("visitor.anonymous", { tag: visitorTag(id) });
  }, [state.chats, state.queue, t]);

  const open = useCallback((id: string) => {
    void client.openChat(id);
    setView("chat");
  }, [client]);
  useEffect(() => {
    alertRef.current = alerts.alert;
    namesRef.current = nameFor;
    openRef.current = open;
  });

  const withBusy = async <T,>(id: string, run: () => Promise<TResult<T>>) => {
    setBusy((b) => ({ ...b, [id]: true }));
    const res = await run();
    setBusy((b) => ({ ...b, [id]: false }));
    if (!res.ok) toast.show(refusalText(res.error), "error");
    return res;
  };
  const accept = async (id: string) => {
    const res = await withBusy(id, () => client.accept(id));
    if (res.ok) {
      setView("chat");
      requestAnimationFrame(() => composer.current?.focus());
    }
  };
  const decline = async (id: string) => {
    const res = await withBusy(id, () => client.decline(id));
    if (res.ok) toast.show(t("queue.declined"), "info");
  };

  const active = state.activeId ? state.chats[state.activeId] : undefined;
  const activePermissions = chatPermissions(active, me);
  const setStatus = async (status: "online" | "away" | "offline") => {
    const res = await client.setStatus(status);
    if (!res.ok) toast.show(refusalText(res.error), "error");
  };

  useShortcuts({
    onActivity: () => client.activity(),
    accept: () => {
      const target = active?.conversation?.status === "queued" ? active.id : (offers[0]?.id ?? sections?.waiting[0]?.id);
      if (target) void accept(target);
    },
    decline: () => {
      const target = active && offers.some((o) => o.id === active.id) ? active.id : offers[0]?.id;
      if (target) void decline(target);
    },
    cycle: (step) => {
      client.cycle(step);
      setView("chat");
    },
    tab: (index) => {
      const id = state.tabs[index];
      if (id) open(id);
    },
    closeChat: () => {
      if (!active) return;
      if (activePermissions.canClose) setCloseFor(active.id);
      else client.closeTab(active.id);
    },
    transfer: () => {
      if (active && activePermissions.canTransfer) setTransferFor(active.id);
    },
    toggleNote: () => composer.current?.toggleNote(),
    suggest: () => composer.current?.suggest(),
    canned: () => composer.current?.openCanned(),
    toggleStatus: () => void setStatus(state.status === "online" ? "away" : "online"),
    help: () => setHelp(true),
  });

  const showInfo = () => {
    if (window.matchMedia("(min-width: 1024px)").matches) setInfoOverlay((v) => !v);
    else setView("info");
  };
  const typingNames = (active?.colleaguesTyping ?? []).map((id) => state.operators.find((o) => o.userId === id)?.name ?? "…");
  const tabNames = Object.fromEntries(state.tabs.map((id) => [id, nameFor(id)]));
  const unread = Object.fromEntries(Object.values(state.chats).map((c) => [c.id, c.unread]));
  const ready = state.connection === "connected" || state.everReady;

  return (
    <div className="fixed inset-x-0 top-14 bottom-0 z-10 flex flex-col bg-slate-100 lg:top-0 lg:left-64" data-console>
      <ConsoleHeader
        status={state.status}
        ready={ready}
        connection={state.connection}
        prefs={alerts.prefs}
        permission={alerts.permission}
        onStatus={(s) => void setStatus(s)}
        onPrefs={alerts.setPrefs}
        onEnableDesktop={() => void alerts.enableDesktop()}
        onHelp={() => setHelp(true)}
      />
      <ConnectionBanner state={state} onRetry={client.reconnect} />
      {state.autoAway && state.status === "away" && <AutoAwayBanner onBack={() => void setStatus("online")} />}

      <nav className="flex shrink-0 gap-1 border-b border-slate-200 bg-white p-1.5 lg:hidden" aria-label={t("views.label")}>
        {(["list", "chat", "info"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            disabled={v !== "list" && !active}
            onClick={() => setView(v)}
            className={cn("flex flex-1 items-center justify-center gap-1.5 rounded-lg py-1.5 text-sm font-medium disabled:opacity-40", view === v ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}
          >
            {t(`views.${v}`)}
            {v === "list" && offers.length > 0 && <span className="rounded-full bg-brand-600 px-1.5 text-[11px] text-white">{offers.length}</span>}
          </button>
        ))}
      </nav>

      <div className="relative flex min-h-0 flex-1">
        <aside className={cn("min-h-0 w-full flex-col border-r border-slate-200 bg-white lg:flex lg:w-72 lg:shrink-0 2xl:w-80", view === "list" ? "flex" : "hidden")} aria-label={t("panes.label")}>
          <div className="flex shrink-0 gap-1 border-b border-slate-200 p-1.5" role="tablist" aria-label={t("panes.label")}>
            {(["queue", "visitors"] as const).map((p) => (
              <button
                key={p}
                type="button"
                role="tab"
                aria-selected={pane === p}
                onClick={() => setPane(p)}
                className={cn("flex flex-1 items-center justify-center gap-1.5 rounded-lg py-1.5 text-sm font-medium", pane === p ? "bg-slate-100 text-slate-900" : "text-slate-500 hover:text-slate-800")}
              >
                {t(`panes.${p}`)}
                <span className="rounded-full bg-white px-1.5 text-[11px] text-slate-600 ring-1 ring-slate-200">{p === "queue" ? (state.queue?.length ?? 0) : (state.visitors?.length ?? 0)}</span>
              </button>
            ))}
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {pane === "queue" ? (
              <QueuePanel sections={sections} activeId={state.activeId} unread={unread} busy={busy} onOpen={open} onAccept={(id) => void accept(id)} onDecline={(id) => void decline(id)} />
            ) : (
              <VisitorsPanel visitors={state.visitors} onInvite={setInviting} onOpen={open} />
            )}
          </div>
        </aside>

        <section className={cn("min-h-0 min-w-0 flex-1 flex-col bg-slate-50 lg:flex", view === "chat" ? "flex" : "hidden")} aria-label={t("views.chat")}>
          <ChatTabs tabs={state.tabs} chats={state.chats} activeId={state.activeId} meId={me?.userId ?? null} names={tabNames} onActivate={(id) => client.activate(id)} onCloseTab={(id) => client.closeTab(id)} />
          {active ? (
            <ChatView
              key={active.id}
              chat={active}
              me={me}
              visitorName={nameFor(active.id)}
              offeredToMe={offers.some((o) => o.id === active.id)}
              typingNames={typingNames}
              draft={drafts[active.id] ?? EMPTY_DRAFT}
              busy={Boolean(busy[active.id])}
              composerRef={composer}
              onDraft={(d) => setDrafts((all) => ({ ...all, [active.id]: d }))}
              onAccept={() => void accept(active.id)}
              onDecline={() => void decline(active.id)}
              onTransfer={() => setTransferFor(active.id)}
              onClose={() => setCloseFor(active.id)}
              onCloseTab={() => client.closeTab(active.id)}
              onReload={() => {
                client.closeTab(active.id);
                void client.openChat(active.id);
              }}
              onBack={() => setView("list")}
              onInfo={showInfo}
              onRetry={(cid) => client.retry(active.id, cid)}
              onDiscard={(cid) => client.discard(active.id, cid)}
              onSend={(text, internal) => client.send(active.id, text, internal)}
              onTyping={(on) => client.setTyping(active.id, on)}
              loadCanned={(query) => client.canned(query, active.id)}
              loadSuggestion={() => client.suggest(active.id)}
            />
          ) : (
            <div className="flex flex-1 items-center justify-center p-6">
              <EmptyState
                icon={<Icon name="chat" className="size-6" />}
                title={t("empty.title")}
                description={state.status === "online" ? t("empty.online") : t("empty.notOnline")}
                action={
                  state.status !== "online" && ready ? (
                    <Button onClick={() => void setStatus("online")}>{t("empty.goOnline")}</Button>
                  ) : (
                    <p className="text-xs text-slate-500">{t("empty.helpHint")}</p>
                  )
                }
              />
            </div>
          )}
        </section>

        <aside
          className={cn(
            "min-h-0 w-full overflow-y-auto border-l border-slate-200 bg-white lg:w-80 xl:w-72 2xl:w-80",
            view === "info" && active ? "block" : "hidden",
            infoOverlay && active ? "lg:absolute lg:inset-y-0 lg:right-0 lg:z-20 lg:block lg:shadow-2xl" : "lg:hidden",
            active && "xl:static xl:block xl:shrink-0 xl:shadow-none",
          )}
          aria-label={t("views.info")}
        >
          {active && (
            <VisitorPanel
              chatId={active.id}
              visitor={active.visitor}
              conversation={active.conversation}
              visitorName={nameFor(active.id)}
              onBack={() => setView("chat")}
              onOpenConversation={open}
            />
          )}
        </aside>
      </div>

      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="console-live-region">
        {alerts.announcement}
      </div>

      <TransferDialog
        open={transferFor !== null}
        operators={state.operators}
        departments={departments}
        meId={me?.userId ?? null}
        onClose={() => setTransferFor(null)}
        onTransfer={async (to, note) => {
          if (!transferFor) return null;
          const res = await client.transfer(transferFor, to, note);
          if (!res.ok) return res.error;
          toast.show(t("transfer.done"), "success");
          return null;
        }}
      />
      <CloseDialog
        open={closeFor !== null}
        visitorName={closeFor ? nameFor(closeFor) : ""}
        onClose={() => setCloseFor(null)}
        onConfirm={async (tags) => {
          if (!closeFor) return null;
          const res = await client.close(closeFor, tags);
          if (!res.ok) return res.error;
          toast.show(t("closeChat.done"), "success");
          return null;
        }}
      />
      <InviteDialog
        visitor={inviting}
        onClose={() => setInviting(null)}
        onInvite={async (visitorKey, text) => {
          const res = await client.invite(visitorKey, text);
          if (!res.ok) return res.error;
          toast.show(t("invite.sent"), "success");
          return null;
        }}
      />
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
