/** Redis for the two-node scenario: is it there, and removing the rate-limit keys the run created. */
import { Redis } from "ioredis";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9";

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_500 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The rate-limit counters this run created (lib/rate-limit/rate-limit.ts keys). */
export async function cleanRedis(url: string, sessionIds: string[]) {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = ["cw:rl:widgetConnect:127.0.0.1", "cw:rl:widgetConnect:::1", "cw:rl:widgetConnect:::ffff:127.0.0.1", ...sessionIds.map((id) => `cw:rl:widgetMessage:${id.toLowerCase()}`)];
    for (let i = 0; i < keys.length; i += 200) await client.del(...keys.slice(i, i + 200));
  } finally {
    client.disconnect();
  }
}
