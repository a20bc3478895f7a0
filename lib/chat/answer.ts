import { performance } from "node:perf_hooks";
import { createChatProvider, type TChatProvider } from "../ai/chat";
import { usableProviderCredential, type TProviderName } from "../ai/credentials";
import { platformCredential } from "../ai/platform-credential";
import { detectLanguage } from "../ai/answer/language";
import { answerOffline, isWeakRetrieval } from "../ai/answer/offline-answer";
import type { TCitation, THistoryTurn } from "../ai/answer/types";
import { readModelSettings } from "../bots/bot-settings";
import { env } from "../config/env";
import { db } from "../db/client";
import { log } from "../log/logger";
import { filterLinks } from "./output-guard";
import { answerWithProvider } from "./provider-answer";
import { searchBot, type TSearchResult } from "../kb/search";
import type { TAnswerBilling } from "../billing/answer-pricing";
import { releaseHold } from "../billing/holds";
import { reserveAnswer } from "../billing/reserve-answer";

/**
 * One answer of the bot, as a stream: retrieval (hybrid search of the bot's knowledge),
 * then either the configured provider (prompt with guardrails, masked personal data) or the
 * built-in offline provider (extractive, cites its sources). A provider that fails before
 * its first word is replaced by the offline answer; one that fails midway ends with a polite
 * note. The caller persists, broadcasts and records usage.
 */
export type TAnswerEvent =
  | { type: "delta"; text: string }
  | {
      type: "done";
      text: string;
      citations: TCitation[];
      status: "done" | "failed";
      usage: TAnswerUsage;
      confident: boolean;
    };

/**
 * What the answer used and who pays for it. `holdId` is the reservation made before the
 * call: whoever receives the "done" event settles it (lib/billing/record-usage.ts).
 */
export type TAnswerUsage = {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costMillicents: number;
  billing: TAnswerBilling;
  holdId: string | null;
};

export type TAnswerBot = { id: string; workspaceId: string; name: string; modelSettings: unknown };

const RETRIEVE_K = 6;
/** Offline answers are streamed in small word groups so the widget shows them like any other. */
const OFFLINE_STEP_MS = 12;

export async function* answerQuestion(input: {
  bot: TAnswerBot;
  question: string;
  /** Earlier turns; a promise lets the caller load them while retrieval runs. */
  history: THistoryTurn[] | Promise<THistoryTurn[]>;
  locale: string | null;
  humanAvailable: boolean;
  signal?: AbortSignal;
  /** Tests and the playground can pass a provider directly. */
  provider?: TChatProvider;
  /** Called once with the retrieved passages (empty when retrieval failed); the playground shows them. */
  onRetrieved?: (chunks: TSearchResult[]) => void;
}): AsyncGenerator<TAnswerEvent> {
  // The reservation belongs to this generator until a "done" event hands it over; an
  // error, an abort or a consumer that stops early releases it.
  const reservation: { holdId: string | null } = { holdId: null };
  try {
    for await (const event of answerWithReservation(input, reservation)) {
      if (event.type === "done") reservation.holdId = null;
      yield event;
    }
  } finally {
    if (reservation.holdId) await releaseHold(reservation.holdId).catch((error: unknown) => log.error("Releasing a hold failed", { error: String(error) }));
  }
}

/** What every stage of one answer shares: timing, settings, language, retrieved passages, link policy. */
export type TAnswerContext = {
  input: Parameters<typeof answerQuestion>[0];
  started: number;
  settings: ReturnType<typeof readModelSettings>;
  language: "de" | "en";
  chunks: TSearchResult[];
  hosts: Set<string>;
  removedLabel: string;
  reservation: { holdId: string | null };
};

async function* answerWithReservation(input: Parameters<typeof answerQuestion>[0], reservation: { holdId: string | null }): AsyncGenerator<TAnswerEvent> {
  const ctx = await prepareAnswer(input, reservation);
  const external = input.provider ? { provider: input.provider, billing: "own_key" as const } : await externalProvider(input.bot.workspaceId, ctx.settings);
  let offlineBilling: TAnswerBilling = "offline";
  if (external && !(ctx.settings.onlyFromKnowledge && isWeakRetrieval(input.question, ctx.chunks))) {
    const outcome = yield* answerWithProvider(ctx, external);
    if (outcome === "answered") return;
    if (outcome === "unpaid") offlineBilling = "unpaid";
  }
  yield* answerOfflineStream(ctx, offlineBilling);
}

async function prepareAnswer(input: Parameters<typeof answerQuestion>[0], reservation: { holdId: string | null }): Promise<TAnswerContext> {
  const started = performance.now();
  const settings = readModelSettings(input.bot.modelSettings);
  const language = detectLanguage(input.question) ?? (input.locale?.toLowerCase().startsWith("en") ? "en" : "de");
  let chunks: TSearchResult[] = [];
  try {
    chunks = await searchBot({ workspaceId: input.bot.workspaceId }, input.bot.id, { query: input.question.slice(0, 1000), k: RETRIEVE_K });
  } catch (error) {
    log.warn("Retrieval failed; answering without knowledge", { botId: input.bot.id, error: String(error) });
  }
  input.onRetrieved?.(chunks);
  const hosts = await trustedHosts(input.bot, chunks);
  return { input, started, settings, language, chunks, hosts, removedLabel: language === "en" ? "[link removed]" : "[Link entfernt]", reservation };
}

/**
 * The offline answer: free by default; when it has a price, it is reserved like any other
 * (a hold left by a provider that failed before its first word covers it).
 */
async function* answerOfflineStream(ctx: TAnswerContext, billing: TAnswerBilling): AsyncGenerator<TAnswerEvent> {
  const { input, settings, reservation } = ctx;
  let offlineBilling = billing;
  if (offlineBilling === "offline" && !reservation.holdId) {
    const reserved = await reserveAnswer(input.bot.workspaceId, { billing: "offline", provider: "offline", model: OFFLINE_MODEL, inputTokens: 0, outputTokens: 0 });
    if (reserved.ok) reservation.holdId = reserved.holdId;
    else offlineBilling = "unpaid";
  }
  const offline = answerOffline({ question: input.question, chunks: ctx.chunks, language: ctx.language, fallbackMessage: settings.fallbackMessage, humanAvailable: input.humanAvailable });
  offline.text = filterLinks(offline.text, ctx.hosts, ctx.removedLabel).text;
  const parts = offline.text.match(/\S+\s*/g) ?? [offline.text];
  for (let i = 0; i < parts.length; i += 3) {
    if (input.signal?.aborted) throw input.signal.reason ?? new Error("aborted");
    yield { type: "delta", text: parts.slice(i, i + 3).join("") };
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_STEP_MS));
  }
  yield { type: "done", text: offline.text, citations: offline.citations, status: "done", confident: offline.confident, usage: usageOf("offline", OFFLINE_MODEL, ctx.started, offlineBilling, reservation.holdId) };
}

const OFFLINE_MODEL = "extractive-v1";

export function usageOf(provider: string, model: string, started: number, billing: TAnswerBilling, holdId: string | null): TAnswerUsage {
  return { provider, model, inputTokens: 0, outputTokens: 0, latencyMs: Math.round(performance.now() - started), costMillicents: 0, billing, holdId };
}

const HOSTS_CACHE_MS = 60_000;
const hostsCache: Map<string, { at: number; hosts: Promise<Set<string>> }> = ((globalThis as { __chatwerkTrustedHosts?: Map<string, { at: number; hosts: Promise<Set<string>> }> }).__chatwerkTrustedHosts ??= new Map());

/** Hosts an answer may link to: allowed widget domains, the bot's sources, our own origin. */
async function trustedHosts(bot: TAnswerBot, chunks: TSearchResult[]): Promise<Set<string>> {
  let cached = hostsCache.get(bot.id);
  if (!cached || Date.now() - cached.at > HOSTS_CACHE_MS) {
    cached = { at: Date.now(), hosts: loadTrustedHosts(bot) };
    hostsCache.set(bot.id, cached);
  }
  const hosts = new Set(await cached.hosts);
  for (const c of chunks) {
    try {
      if (c.url) hosts.add(new URL(c.url).hostname);
    } catch {
      // not a URL
    }
  }
  return hosts;
}

async function loadTrustedHosts(bot: TAnswerBot): Promise<Set<string>> {
  const [workspace, sources] = await Promise.all([
    db().workspace.findUnique({ where: { id: bot.workspaceId }, select: { allowedDomains: true } }),
    db().dataSource.findMany({ where: { botId: bot.id, workspaceId: bot.workspaceId, type: "url" }, select: { config: true } }),
  ]);
  // Links may go to any subdomain of an allowed widget domain ("*.shop.example" → shop.example).
  const hosts = new Set<string>((workspace?.allowedDomains ?? []).map((d) => d.replace(/^\*\./, "").replace(/:\d+$/, "")));
  const add = (url: unknown) => {
    try {
      if (typeof url === "string") hosts.add(new URL(url).hostname);
    } catch {
      // not a URL
    }
  };
  add(env().baseUrl);
  for (const s of sources) add((s.config as { url?: unknown } | null)?.url);
  return hosts;
}

/**
 * The provider for the bot's settings: the workspace's own key first (billed only the own-key
 * fee), else the platform's key for OpenAI or Gemini when this installation has one (billed
 * at the model's price plus markup), else none (offline).
 */
async function externalProvider(workspaceId: string, settings: ReturnType<typeof readModelSettings>): Promise<{ provider: TChatProvider; billing: "own_key" | "platform" } | null> {
  if (settings.provider === "offline" || !settings.model) return null;
  const credential = await usableProviderCredential(workspaceId, settings.provider as TProviderName);
  if (credential) {
    const provider = createChatProvider({ provider: settings.provider, model: settings.model, ...credential });
    return { provider, billing: "own_key" };
  }
  const platform = platformCredential(settings.provider);
  if (!platform) return null;
  return { provider: createChatProvider({ provider: settings.provider, model: settings.model, ...platform }), billing: "platform" };
}
