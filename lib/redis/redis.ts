import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { env } from "../config/env";

/** One shared Redis connection per process (rate limits, socket.io adapter), when REDIS_URL is set. */
const g = globalThis as unknown as { __chatwerkRedis?: Redis };

export function redis(): Redis | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  g.__chatwerkRedis ??= new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return g.__chatwerkRedis;
}

/** A key (or channel) of this installation: REDIS_PREFIX, then the parts, joined by ":". */
export function redisKey(...parts: string[]): string {
  return [env().REDIS_PREFIX, ...parts].join(":");
}

/**
 * The socket.io Redis adapter on `pub` and a subscriber duplicated from it, on this
 * installation's channels (`<REDIS_PREFIX>:socket.io#…`), so installations sharing one Redis
 * never receive each other's broadcasts.
 */
export function socketIoRedisAdapter(pub: Redis) {
  const sub = pub.duplicate();
  return { adapter: createAdapter(pub, sub, { key: redisKey("socket.io") }), sub };
}

export async function redisHealth(): Promise<"ok" | "error"> {
  try {
    const client = redis();
    if (!client) return "error";
    const pong = await Promise.race([
      client.ping(),
      new Promise<string>((_, reject) => setTimeout(() => reject(new Error("timeout")), 1500)),
    ]);
    return pong === "PONG" ? "ok" : "error";
  } catch {
    return "error";
  }
}

export async function closeRedis(): Promise<void> {
  const client = g.__chatwerkRedis;
  g.__chatwerkRedis = undefined;
  await client?.quit().catch(() => client.disconnect());
}
