/**
 * What model calls cost, in integer millicents (1/1000 of a euro cent) per million tokens.
 *
 * The providers publish USD list prices (standard tier, text, no batch or cache discounts);
 * they are written below in USD millicents per 1M tokens, as listed in mid-2025, and
 * converted once at a fixed rate of 0.92 EUR per USD, rounded up. Both are approximate:
 * the rate leans high so that usage is not billed below cost, and list prices change —
 * update this table, not the callers, when they do.
 */
export type TPriceProvider = "openai" | "gemini" | "openai-compatible" | "offline";
export type TPriceKind = "chat" | "embedding";

export type TModelPrice = {
  provider: "openai" | "gemini";
  kind: TPriceKind;
  inputPerMTok: number;
  outputPerMTok: number;
  /** Higher rates for the whole call once the prompt is longer than `aboveInputTokens`. */
  longContext?: { aboveInputTokens: number; inputPerMTok: number; outputPerMTok: number };
};

/** EUR per USD, in parts per million: 920_000 = 0.92. */
export const EUR_PER_USD_PPM = 920_000;

/** USD millicents (per 1M tokens) to EUR millicents, rounded up. */
function eur(usdMillicents: number): number {
  const product = usdMillicents * EUR_PER_USD_PPM;
  const remainder = product % 1_000_000;
  return (product - remainder) / 1_000_000 + (remainder > 0 ? 1 : 0);
}

function price(provider: TModelPrice["provider"], kind: TPriceKind, usdIn: number, usdOut: number, longContext?: [number, number, number]): TModelPrice {
  return {
    provider,
    kind,
    inputPerMTok: eur(usdIn),
    outputPerMTok: eur(usdOut),
    ...(longContext ? { longContext: { aboveInputTokens: longContext[0], inputPerMTok: eur(longContext[1]), outputPerMTok: eur(longContext[2]) } } : {}),
  };
}

// USD millicents per 1M tokens: 15_000 = $0.15.
export const PRICES: Readonly<Record<string, TModelPrice>> = {
  "gpt-4o-mini": price("openai", "chat", 15_000, 60_000),
  "gpt-4o": price("openai", "chat", 250_000, 1_000_000),
  "gpt-4.1": price("openai", "chat", 200_000, 800_000),
  "gpt-4.1-mini": price("openai", "chat", 40_000, 160_000),
  "gpt-4.1-nano": price("openai", "chat", 10_000, 40_000),
  "gpt-5-mini": price("openai", "chat", 25_000, 200_000),
  "o4-mini": price("openai", "chat", 110_000, 440_000),
  "gemini-2.5-flash": price("gemini", "chat", 30_000, 250_000),
  "gemini-2.5-flash-lite": price("gemini", "chat", 10_000, 40_000),
  "gemini-2.5-pro": price("gemini", "chat", 125_000, 1_000_000, [200_000, 250_000, 1_500_000]),
  "gemini-2.0-flash": price("gemini", "chat", 10_000, 40_000),
  "text-embedding-3-small": price("openai", "embedding", 2_000, 0),
  "text-embedding-3-large": price("openai", "embedding", 13_000, 0),
  "gemini-embedding-001": price("gemini", "embedding", 15_000, 0),
};

/**
 * The table entry for a model as providers name it: Gemini's "models/…" prefix and OpenAI's
 * dated snapshots ("gpt-4o-mini-2024-07-18") resolve to the base model.
 */
export function findPrice(provider: TPriceProvider, model: string): TModelPrice | null {
  if (provider !== "openai" && provider !== "gemini") return null;
  const name = model.trim().toLowerCase().replace(/^models\//, "");
  const entry = PRICES[name] ?? PRICES[name.replace(/-\d{4}-\d{2}-\d{2}$/, "")];
  return entry && entry.provider === provider ? entry : null;
}

export type TCostInput = {
  provider: TPriceProvider;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Added on top of the provider's price, in whole percent (20 = +20 %). */
  markupPercent?: number;
  /** What offline answers cost per 1M tokens (input and output alike); free by default. */
  offlinePriceMillicents?: number;
  /** Prices for a model of an OpenAI-compatible server, which we cannot know. */
  customPrice?: { inputPerMTok: number; outputPerMTok: number };
};

/**
 * The cost of one call in millicents, rounded up once at the end so many small calls are not
 * each rounded to zero, nor each rounded up to a whole cent. BigInt keeps the products exact
 * for any token count. A model of OpenAI or Gemini missing from the table is billed at the
 * provider's most expensive chat prices rather than for free; use `findPrice` to reject such
 * models when a bot is configured.
 */
export function costMillicents(input: TCostInput): number {
  for (const value of [input.inputTokens, input.outputTokens]) assertCount(value, "token count");
  const markup = input.markupPercent ?? 0;
  assertCount(markup, "markupPercent");
  const rates = ratesFor(input);
  if (!rates) return 0;
  const raw = BigInt(input.inputTokens) * BigInt(rates.input) + BigInt(input.outputTokens) * BigInt(rates.output);
  const scaled = raw * BigInt(100 + markup);
  const divisor = 1_000_000n * 100n;
  return Number((scaled + divisor - 1n) / divisor);
}

function ratesFor(input: TCostInput): { input: number; output: number } | null {
  if (input.provider === "offline") {
    const perMTok = input.offlinePriceMillicents ?? 0;
    assertCount(perMTok, "offlinePriceMillicents");
    return perMTok === 0 ? null : { input: perMTok, output: perMTok };
  }
  if (input.provider === "openai-compatible") {
    if (!input.customPrice) return null;
    assertCount(input.customPrice.inputPerMTok, "customPrice");
    assertCount(input.customPrice.outputPerMTok, "customPrice");
    return { input: input.customPrice.inputPerMTok, output: input.customPrice.outputPerMTok };
  }
  const entry = findPrice(input.provider, input.model) ?? mostExpensiveChat(input.provider);
  const long = entry.longContext;
  if (long && input.inputTokens > long.aboveInputTokens) return { input: long.inputPerMTok, output: long.outputPerMTok };
  return { input: entry.inputPerMTok, output: entry.outputPerMTok };
}

function mostExpensiveChat(provider: "openai" | "gemini"): TModelPrice {
  const chat = Object.values(PRICES).filter((p) => p.provider === provider && p.kind === "chat");
  return chat.reduce((a, b) => (b.outputPerMTok > a.outputPerMTok ? b : a));
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
}
