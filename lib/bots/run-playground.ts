import { z } from "zod";
import type { TChatProvider } from "../ai/chat";
import type { TCitation } from "../ai/answer/types";
import { answerQuestion, type TAnswerEvent } from "../chat/answer";
import { settleAnswer } from "../billing/settle-answer";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TSearchResult } from "../kb/search";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { readModelSettings } from "./bot-settings";

export const ZPlaygroundInput = z.object({
  question: z.string().trim().min(1, "Enter a question").max(1000, "At most 1000 characters"),
  locale: z.enum(["de", "en"]).optional(),
});

export type TPlaygroundResult = {
  text: string;
  status: "done" | "failed";
  confident: boolean;
  citations: Omit<TCitation, "chunkId" | "sourceId">[];
  chunks: { chunkId: string; title: string; url: string | null; text: string; score: number }[];
  usage: Extract<TAnswerEvent, { type: "done" }>["usage"];
  /** The provider the saved settings ask for; differs from usage.provider after a fallback. */
  configuredProvider: string;
  fellBack: boolean;
};

const CHUNK_PREVIEW_CHARS = 600;

/**
 * One answer with the bot's saved settings, exactly as a visitor would get it (retrieval,
 * provider or offline fallback), without a conversation. The cost is recorded as a usage
 * record of kind "playground" so billing and the usage page see it.
 */
export async function runPlayground(ctx: Pick<TWorkspaceContext, "workspaceId" | "role">, botId: string, raw: unknown, options: { provider?: TChatProvider } = {}): Promise<TPlaygroundResult> {
  requireRole(ctx, ["admin"]);
  const input = ZPlaygroundInput.parse(raw);
  const bot = await db().bot.findFirst({ where: { id: botId, workspaceId: ctx.workspaceId }, select: { id: true, workspaceId: true, name: true, modelSettings: true } });
  if (!bot) throw new AppError("not_found", "Bot not found.");

  let retrieved: TSearchResult[] = [];
  let done: Extract<TAnswerEvent, { type: "done" }> | undefined;
  const events = answerQuestion({
    bot,
    question: input.question,
    history: [],
    locale: input.locale ?? null,
    humanAvailable: false,
    provider: options.provider,
    onRetrieved: (chunks) => {
      retrieved = chunks;
    },
  });
  for await (const event of events) if (event.type === "done") done = event;
  if (!done) throw new Error("The answer ended without a result");

  const { usage } = done;
  await settleAnswer({ ...usage, workspaceId: bot.workspaceId, botId: bot.id, kind: "playground" });
  const configuredProvider = options.provider?.provider ?? readModelSettings(bot.modelSettings).provider;
  return {
    text: done.text,
    status: done.status,
    confident: done.confident,
    citations: done.citations.map((c) => ({ n: c.n, title: c.title, url: c.url })),
    chunks: retrieved.map((c) => ({ chunkId: c.chunkId, title: c.title, url: c.url, text: c.text.slice(0, CHUNK_PREVIEW_CHARS), score: c.score })),
    usage: { ...usage, holdId: null },
    configuredProvider,
    fellBack: configuredProvider !== "offline" && usage.provider === "offline",
  };
}
