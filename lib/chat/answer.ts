import { performance } from "node:perf_hooks";
import { createChatProvider, isAiProviderError, type TChatProvider } from "../ai/chat";
import { providerCredential, type TProviderName } from "../ai/credentials";
import { platformCredential } from "../ai/platform-credential";
import { detectLanguage } from "../ai/answer/language";
import { answerOffline, isWeakRetrieval } from "../ai/answer/offline-answer";
import { costMillicents } from "../ai/answer/pricing";
import { buildChatPrompt } from "../ai/answer/prompt";
import type { TCitation, THistoryTurn } from "../ai/answer/types";
import { readModelSettings } from "../bots/bot-settings";
import { KNOWLEDGE_OPEN } from "../ai/answer/knowledge-block";
import { env } from "../config/env";
import { db } from "../db/client";
import { log } from "../log/logger";
import { filterLinks, leaksSecret, secretShingles } from "./output-guard";
import { searchBot, type TSearchResult } from "../kb/search";
import type { TAnswerBilling } from "../billing/answer-pricing";
import { releaseHold } from "../billing/holds";
import { reserveAnswer } from "../billing/reserve-answer";
import { estimateTokens } from "../ai/chat";

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
const BUDGET = { contextTokens: 2400, historyTokens: 1200 };
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

async function* answerWithReservation(input: Parameters<typeof answerQuestion>[0], reservation: { holdId: string | null }): AsyncGenerator<TAnswerEvent> {
  const started = performance.now();
  const settings = readModelSettings(input.bot.modelSettings);
  const language = detectLanguage(input.question) ?? (input.locale?.toLowerCase().startsWith("en") ? "en" : input.locale?.toLowerCase().startsWith("de") ? "de" : "de");
  let chunks: TSearchResult[] = [];
  try {
    chunks = await searchBot({ workspaceId: input.bot.workspaceId }, input.bot.id, { query: input.question.slice(0, 1000), k: RETRIEVE_K });
  } catch (error) {
    log.warn("Retrieval failed; answering without knowledge", { botId: input.bot.id, error: String(error) });
  }
  input.onRetrieved?.(chunks);

  const hosts = await trustedHosts(input.bot, chunks);
  const removedLabel = language === "en" ? "[link removed]" : "[Link entfernt]";
  const external = input.provider ? { provider: input.provider, billing: "own_key" as const } : await externalProvider(input.bot.workspaceId, settings);
  let offlineBilling: TAnswerBilling = "offline";
  if (external) {
    const { provider, billing } = external;
    const weak = isWeakRetrieval(input.question, chunks);
    answerWithProvider: if (!(weak && settings.onlyFromKnowledge)) {
      let text = "";
      try {
        const prompt = buildChatPrompt({
          botName: input.bot.name,
          ownerInstructions: settings.instructions,
          answerInVisitorLanguage: settings.answerInVisitorLanguage,
          visitorLanguage: language,
          defaultLanguage: language,
          onlyFromKnowledge: settings.onlyFromKnowledge,
          fallbackMessage: settings.fallbackMessage,
          humanAvailable: input.humanAvailable,
          chunks,
          history: await input.history,
          question: input.question,
          budget: BUDGET,
          maskPersonalData: true,
        });
        // Our rules and the owner's instructions, without the knowledge block (quoting the
        // knowledge is the point; quoting the rules is a leak).
        const system = prompt.messages[0]?.content ?? "";
        const promptTokens = estimateTokens(prompt.messages.reduce((n, m) => n + m.content.length, 0));
        const reserved = await reserveAnswer(input.bot.workspaceId, {
          billing,
          provider: provider.provider,
          model: provider.model,
          // Estimates run low for some languages; the margin keeps the hold a true worst case.
          inputTokens: Math.ceil(promptTokens * 1.5) + 64,
          outputTokens: settings.maxTokens,
        });
        if (!reserved.ok) throw new UnpaidAnswer();
        reservation.holdId = reserved.holdId;
        const shingles = secretShingles([system.slice(0, Math.max(0, system.indexOf(KNOWLEDGE_OPEN))) || system, settings.instructions]);
        for await (const chunk of provider.stream({ messages: prompt.messages, temperature: settings.temperature, maxTokens: settings.maxTokens, signal: input.signal })) {
          if (chunk.type === "delta") {
            text += chunk.text;
            if (leaksSecret(text, shingles)) {
              log.warn("Answer repeated the bot's instructions; replaced by the fallback", { botId: input.bot.id });
              const fallback = answerOffline({ question: "", chunks: [], language, fallbackMessage: settings.fallbackMessage, humanAvailable: input.humanAvailable }).text;
              yield { type: "done", text: fallback, citations: [], status: "done", confident: false, usage: usageOf(provider.provider, provider.model, started, billing, reservation.holdId) };
              return;
            }
            yield { type: "delta", text: chunk.text };
          } else {
            const used = prompt.citations.filter((c) => text.includes(`[${c.n}]`));
            text = filterLinks(text, hosts, removedLabel).text;
            yield {
              type: "done",
              text,
              citations: used,
              status: "done",
              confident: true,
              usage: {
                provider: provider.provider,
                model: provider.model,
                inputTokens: chunk.usage.inputTokens,
                outputTokens: chunk.usage.outputTokens,
                latencyMs: Math.round(performance.now() - started),
                costMillicents: costMillicents({ provider: provider.provider, model: provider.model, inputTokens: chunk.usage.inputTokens, outputTokens: chunk.usage.outputTokens }),
                billing,
                holdId: reservation.holdId,
              },
            };
            return;
          }
        }
        throw new Error("The provider ended without a result");
      } catch (error) {
        if (input.signal?.aborted) throw error;
        if (error instanceof UnpaidAnswer) {
          offlineBilling = "unpaid";
          break answerWithProvider;
        }
        log.warn("Answer provider failed", { botId: input.bot.id, provider: provider.provider, kind: isAiProviderError(error) ? error.kind : "unknown", error: String(error).slice(0, 300) });
        if (text) {
          const note = language === "en" ? "\n\n_Sorry, the answer was interrupted. Please ask again._" : "\n\n_Entschuldigung, die Antwort wurde unterbrochen. Bitte fragen Sie noch einmal._";
          yield { type: "delta", text: note };
          // Failed answers are not charged (the hold is released by the settlement).
          yield { type: "done", text: text + note, citations: [], status: "failed", confident: false, usage: usageOf(provider.provider, provider.model, started, "unpaid", reservation.holdId) };
          return;
        }
        // Nothing was said yet: the offline answer stands in.
      }
    }
  }

  // The offline answer: free by default; when it has a price, it is reserved like any other
  // (a hold left by a provider that failed before its first word covers it).
  if (offlineBilling === "offline" && !reservation.holdId) {
    const reserved = await reserveAnswer(input.bot.workspaceId, { billing: "offline", provider: "offline", model: OFFLINE_MODEL, inputTokens: 0, outputTokens: 0 });
    if (reserved.ok) reservation.holdId = reserved.holdId;
    else offlineBilling = "unpaid";
  }
  const offline = answerOffline({ question: input.question, chunks, language, fallbackMessage: settings.fallbackMessage, humanAvailable: input.humanAvailable });
  offline.text = filterLinks(offline.text, hosts, removedLabel).text;
  const parts = offline.text.match(/\S+\s*/g) ?? [offline.text];
  for (let i = 0; i < parts.length; i += 3) {
    if (input.signal?.aborted) throw input.signal.reason ?? new Error("aborted");
    yield { type: "delta", text: parts.slice(i, i + 3).join("") };
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_STEP_MS));
  }
  yield { type: "done", text: offline.text, citations: offline.citations, status: "done", confident: offline.confident, usage: usageOf("offline", OFFLINE_MODEL, started, offlineBilling, reservation.holdId) };
}

const OFFLINE_MODEL = "extractive-v1";

/** Thrown when the balance cannot cover the provider's worst case: the offline answer stands in, free. */
class UnpaidAnswer extends Error {}

function usageOf(provider: string, model: string, started: number, billing: TAnswerBilling, holdId: string | null): TAnswerUsage {
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
  const credential = await providerCredential(workspaceId, settings.provider as TProviderName);
  const usable = credential && (settings.provider === "openai-compatible" ? Boolean(credential.baseUrl) : Boolean(credential.apiKey));
  if (credential && usable) {
    const provider = createChatProvider({ provider: settings.provider, model: settings.model, apiKey: credential.apiKey ?? undefined, baseUrl: credential.baseUrl ?? undefined });
    return { provider, billing: "own_key" };
  }
  const platform = platformCredential(settings.provider);
  if (!platform) return null;
  return { provider: createChatProvider({ provider: settings.provider, model: settings.model, ...platform }), billing: "platform" };
}
