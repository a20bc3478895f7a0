import { performance } from "node:perf_hooks";
import { estimateTokens, isAiProviderError, type TChatProvider } from "../ai/chat";
import { KNOWLEDGE_OPEN } from "../ai/answer/knowledge-block";
import { answerOffline } from "../ai/answer/offline-answer";
import { costMillicents } from "../ai/answer/pricing";
import { buildChatPrompt } from "../ai/answer/prompt";
import { reserveAnswer } from "../billing/reserve-answer";
import { log } from "../log/logger";
import { usageOf, type TAnswerContext, type TAnswerEvent } from "./answer";
import { filterLinks, leaksSecret, secretShingles } from "./output-guard";

const BUDGET = { contextTokens: 2400, historyTokens: 1200 };

/** Thrown when the balance cannot cover the provider's worst case: the offline answer stands in, free. */
class UnpaidAnswer extends Error {}

/**
 * The configured provider's answer: prompt with guardrails and masked personal data, the
 * worst case held from the balance before the call, the output checked for leaked
 * instructions and foreign links. Returns how it ended: `answered` (a "done" event was
 * yielded), `unpaid` (the balance could not cover it) or `fallback` (it failed before its
 * first word): in both of the latter the offline answer stands in.
 */
export async function* answerWithProvider(ctx: TAnswerContext, external: { provider: TChatProvider; billing: "own_key" | "platform" }): AsyncGenerator<TAnswerEvent, "answered" | "unpaid" | "fallback"> {
  const { input, settings, language, reservation } = ctx;
  const { provider, billing } = external;
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
      chunks: ctx.chunks,
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
          yield { type: "done", text: fallback, citations: [], status: "done", confident: false, usage: usageOf(provider.provider, provider.model, ctx.started, billing, reservation.holdId) };
          return "answered";
        }
        yield { type: "delta", text: chunk.text };
        continue;
      }
      const { inputTokens, outputTokens } = chunk.usage;
      yield {
        type: "done",
        text: filterLinks(text, ctx.hosts, ctx.removedLabel).text,
        citations: prompt.citations.filter((c) => text.includes(`[${c.n}]`)),
        status: "done",
        confident: true,
        usage: {
          provider: provider.provider,
          model: provider.model,
          inputTokens,
          outputTokens,
          latencyMs: Math.round(performance.now() - ctx.started),
          costMillicents: costMillicents({ provider: provider.provider, model: provider.model, inputTokens, outputTokens }),
          billing,
          holdId: reservation.holdId,
        },
      };
      return "answered";
    }
    throw new Error("The provider ended without a result");
  } catch (error) {
    if (input.signal?.aborted) throw error;
    if (error instanceof UnpaidAnswer) return "unpaid";
    log.warn("Answer provider failed", { botId: input.bot.id, provider: provider.provider, kind: isAiProviderError(error) ? error.kind : "unknown", error: String(error).slice(0, 300) });
    if (!text) return "fallback";
    const note = language === "en" ? "\n\n_Sorry, the answer was interrupted. Please ask again._" : "\n\n_Entschuldigung, die Antwort wurde unterbrochen. Bitte fragen Sie noch einmal._";
    yield { type: "delta", text: note };
    // Failed answers are not charged (the hold is released by the settlement).
    yield { type: "done", text: text + note, citations: [], status: "failed", confident: false, usage: usageOf(provider.provider, provider.model, ctx.started, "unpaid", reservation.holdId) };
    return "answered";
  }
}
