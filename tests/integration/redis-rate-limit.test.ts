import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { setRuntimeEnv } from "@/lib/config/env";
import { RATE_LIMITS, resetRateLimiters } from "@/lib/rate-limit/rate-limit";
import { closeRedis } from "@/lib/redis/redis";
import { expectAppError } from "../helpers/errors";
import { skipNotice, TEST_REDIS_URL } from "../helpers/external-services";
import { createUser, TEST_PASSWORD } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

/**
 * With REDIS_URL, rate limits are shared by every app node (ARCHITECTURE 2, 10). A node
 * is simulated by dropping this process's limiters and Redis connection: what a fresh
 * node would have. Every key carries a random run id so parallel runs never collide,
 * and the keys are deleted afterwards.
 */
const title = TEST_REDIS_URL
  ? "Redis-backed rate limits"
  : skipNotice("REDIS_URL", "redis://127.0.0.1:6379", "Redis rate-limit tests");

if (!TEST_REDIS_URL) console.warn(title);

describe.skipIf(!TEST_REDIS_URL)(title, () => {
  const runId = `test-${randomBytes(6).toString("hex")}`;
  const LOGIN_LIMIT = RATE_LIMITS.login.points;
  let inspector: Redis;

  useTestDatabase({ env: { REDIS_URL: TEST_REDIS_URL ?? "" }, resetLimiters: false });

  beforeAll(() => {
    inspector = new Redis(TEST_REDIS_URL!, { lazyConnect: false, maxRetriesPerRequest: 2 });
  });

  afterAll(async () => {
    const keys = await inspector.keys(`cw:rl:*${runId}*`);
    if (keys.length) await inspector.del(...keys);
    await inspector.quit();
  });

  /** What a freshly started node has: no limiter instances, a new Redis connection. */
  async function becomeAnotherNode(redisUrl: string) {
    await closeRedis();
    setRuntimeEnv({ REDIS_URL: redisUrl });
    resetRateLimiters();
  }

  /** Fails `attempts` logins, switching to another node halfway; then tries the right password. */
  async function loginAcrossTwoNodes(redisUrl: string, ip: string) {
    await becomeAnotherNode(redisUrl);
    const user = await createUser();
    const meta = { ip };
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      if (i === LOGIN_LIMIT / 2) await becomeAnotherNode(redisUrl);
      await expectAppError(authorizeCredentials({ email: user.email, password: `wrong password ${i}` }, meta), "unauthorized");
    }
    await becomeAnotherNode(redisUrl);
    const outcome = await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta).then(
      () => "signed in",
      (e: { code?: string }) => e.code ?? String(e),
    );
    return { user, outcome };
  }

  it("counts login attempts in Redis, so a limit reached across nodes holds on every node", async () => {
    const ip = `${runId}-a`;
    const { user, outcome } = await loginAcrossTwoNodes(TEST_REDIS_URL!, ip);
    expect(outcome).toBe("rate_limited");

    const key = `cw:rl:login:${ip}:${user.email}`;
    expect(Number(await inspector.get(key))).toBeGreaterThanOrEqual(LOGIN_LIMIT);
    const ttl = await inspector.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(RATE_LIMITS.login.duration * 1000);
  });

  it("forgets the count in Redis after a successful sign-in", async () => {
    await becomeAnotherNode(TEST_REDIS_URL!);
    const user = await createUser();
    const ip = `${runId}-b`;
    const key = `cw:rl:login:${ip}:${user.email}`;
    await expectAppError(authorizeCredentials({ email: user.email, password: "wrong password 1" }, { ip }), "unauthorized");
    expect(await inspector.get(key)).toBe("1");
    await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, { ip });
    expect(await inspector.exists(key)).toBe(0);
  });

  it("broken twin: with per-process (in-memory) limits the same attempts are not limited", async () => {
    const { outcome } = await loginAcrossTwoNodes("", `${runId}-c`);
    expect(outcome).toBe("signed in");
    expect(await inspector.keys(`cw:rl:login:${runId}-c*`)).toEqual([]);
  });
});
