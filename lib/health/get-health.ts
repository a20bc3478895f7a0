import { env } from "../config/env";
import { db } from "../db/client";
import { redisHealth } from "../redis/redis";
import { APP_VERSION } from "../version";

export type THealth = {
  status: "ok" | "degraded";
  db: "ok" | "error";
  redis: "ok" | "error" | "disabled";
  version: string;
};

export async function getHealth(): Promise<THealth> {
  const [dbStatus, redis] = await Promise.all([
    db()
      .$queryRaw`SELECT 1`.then(() => "ok" as const)
      .catch(() => "error" as const),
    env().REDIS_URL ? redisHealth() : Promise.resolve("disabled" as const),
  ]);
  const ok = dbStatus === "ok" && redis !== "error";
  return { status: ok ? "ok" : "degraded", db: dbStatus, redis, version: APP_VERSION };
}
