import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../config/env";
import { AppError } from "../errors/app-error";
import { redis, redisKey } from "../redis/redis";

/**
 * Named limits, in memory per process or shared through Redis when REDIS_URL is set
 * (with an in-memory fallback while Redis is unreachable).
 */
export const RATE_LIMITS = {
  login: { points: 10, duration: 15 * 60 },
  signup: { points: 10, duration: 60 * 60 },
  passwordReset: { points: 5, duration: 60 * 60 },
  verifyResend: { points: 5, duration: 60 * 60 },
  invite: { points: 30, duration: 60 * 60 },
  apiKey: { points: 600, duration: 60 },
  /** Widget connections per client address, and visitor messages per session. */
  widgetConnect: { points: 60, duration: 60 },
  widgetMessage: { points: 20, duration: 60 },
  /** Presence beacons per client address (a visitor beats every few seconds per open page). */
  widgetPresence: { points: 600, duration: 60 },
  /** Console events per operator (all tabs together), and operator messages among them. */
  operatorEvent: { points: 600, duration: 60 },
  operatorMessage: { points: 120, duration: 60 },
} as const;

export type TRateLimitName = keyof typeof RATE_LIMITS;

const g = globalThis as unknown as { __chatwerkLimiters?: Map<string, RateLimiterAbstract> };

function limiter(name: TRateLimitName): RateLimiterAbstract {
  g.__chatwerkLimiters ??= new Map();
  let existing = g.__chatwerkLimiters.get(name);
  if (!existing) {
    // RATE_LIMIT_SCALE multiplies every limit (end-to-end tests sign up many users from one address).
    const points = Math.max(1, Math.round(RATE_LIMITS[name].points * env().RATE_LIMIT_SCALE));
    const opts = { points, duration: RATE_LIMITS[name].duration, keyPrefix: redisKey("rl", name) };
    const client = redis();
    existing = client
      ? new RateLimiterRedis({ ...opts, storeClient: client, insuranceLimiter: new RateLimiterMemory(opts) })
      : new RateLimiterMemory(opts);
    g.__chatwerkLimiters.set(name, existing);
  }
  return existing;
}

/** Counts one attempt; throws rate_limited (429) with Retry-After when over the limit. */
export async function consumeRateLimit(name: TRateLimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(key.toLowerCase());
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const retry = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError("rate_limited", `Too many attempts. Try again in ${formatWait(retry)}.`, {
        retryAfterSeconds: retry,
      });
    }
    throw error;
  }
}

export async function resetRateLimit(name: TRateLimitName, key: string): Promise<void> {
  await limiter(name).delete(key.toLowerCase());
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** For tests: forget limiter instances (e.g. after switching REDIS_URL). */
export function resetRateLimiters(): void {
  g.__chatwerkLimiters = undefined;
}
