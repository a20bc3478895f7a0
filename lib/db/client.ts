import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "./generated/client";

/**
 * One Prisma client per process. The custom server and Next's bundles load separate
 * copies of this module, so the client and its connection settings live on globalThis.
 * `configureDatabase` is called once by whoever owns the process (server, CLI, tests).
 */
type TDbGlobal = {
  __chatwerkDbConfig?: pg.PoolConfig;
  __chatwerkPrisma?: PrismaClient;
};

const g = globalThis as unknown as TDbGlobal;

export function configureDatabase(config: pg.PoolConfig): void {
  g.__chatwerkDbConfig = config;
}

export function databaseConfig(): pg.PoolConfig {
  if (!g.__chatwerkDbConfig) {
    throw new Error("Database not configured: start the app through server/index.ts or the admin CLI.");
  }
  return g.__chatwerkDbConfig;
}

/**
 * Interactive transactions wait their turn for a pooled connection instead of failing with
 * "Unable to start a transaction in the given time" after Prisma's default 2 s: answers and
 * webhooks come in bursts, and the embedded database runs one transaction at a time (seen
 * with 200 concurrent holds on a loaded 2-core machine,
 * tests/integration/billing/ledger-native-postgres.test.ts). Transactions themselves must
 * stay short (ARCHITECTURE 5); the timeout only stops a stuck one.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export function db(): PrismaClient {
  g.__chatwerkPrisma ??= new PrismaClient({ adapter: new PrismaPg(databaseConfig()), transactionOptions: TRANSACTION_OPTIONS });
  return g.__chatwerkPrisma;
}

export async function disconnectDatabase(): Promise<void> {
  const client = g.__chatwerkPrisma;
  g.__chatwerkPrisma = undefined;
  await client?.$disconnect();
}

export type { PrismaClient };
export { Prisma } from "./generated/client";
