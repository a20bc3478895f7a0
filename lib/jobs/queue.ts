import PgBoss from "pg-boss";
import { databaseConfig, db, Prisma } from "../db/client";
import { log } from "../log/logger";

/**
 * Durable jobs on pg-boss (decision 008): works unchanged on embedded PGlite (polling,
 * no LISTEN/NOTIFY, no session state) and on external Postgres. A job whose worker died
 * expires and is retried; our own DataSource rows carry the status the dashboard shows.
 */
export const QUEUES = { ingestSource: "kb-ingest-source" } as const;

export type TIngestJob = { workspaceId: string; sourceId: string };

/** pg-boss's own schema, outside `public` (the drift test does not see it). */
const SCHEMA = "pgboss";

const g = globalThis as unknown as { __chatwerkBoss?: Promise<PgBoss>; __chatwerkIngestWorkers?: Set<string> };

async function start(): Promise<PgBoss> {
  const cfg = databaseConfig();
  const boss = new PgBoss({
    ...(cfg.connectionString ? { connectionString: cfg.connectionString } : { host: cfg.host, port: cfg.port, user: cfg.user, database: cfg.database }),
    schema: SCHEMA,
    max: 4,
    schedule: false,
    maintenanceIntervalSeconds: 30,
  });
  boss.on("error", (error: Error) => log.error("Job queue error", { error: error.message }));
  await boss.start();
  await boss.createQueue(QUEUES.ingestSource, { name: QUEUES.ingestSource, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInMinutes: 15 });
  return boss;
}

export function jobQueue(): Promise<PgBoss> {
  g.__chatwerkBoss ??= start().catch((error: unknown) => {
    g.__chatwerkBoss = undefined;
    throw error;
  });
  return g.__chatwerkBoss;
}

export async function enqueueIngest(job: TIngestJob): Promise<void> {
  const boss = await jobQueue();
  await boss.send(QUEUES.ingestSource, job, { singletonKey: job.sourceId });
  // This node's idle workers fetch at once instead of at their next poll (up to 1 s later);
  // other nodes' workers find it when they poll.
  for (const id of g.__chatwerkIngestWorkers ?? []) boss.notifyWorker(id);
}

/** An ingestion worker of this process (server/workers.ts), woken when a job is queued here. */
export function registerIngestWorker(workerId: string): void {
  (g.__chatwerkIngestWorkers ??= new Set()).add(workerId);
}

export type TActiveIngestJob = {
  id: string;
  data: TIngestJob;
  /** Started before the database itself last started (pg_postmaster_start_time). */
  startedBeforeDatabase: boolean;
  startedOn: Date;
  /** A failure now would not be retried (retries used up). */
  lastAttempt: boolean;
};

/** Ingestion jobs pg-boss counts as running (read from its job table: v10 has no call for it). */
export async function activeIngestJobs(): Promise<TActiveIngestJob[]> {
  await jobQueue();
  return db().$queryRaw<TActiveIngestJob[]>`
    SELECT id::text AS id, data,
      started_on < pg_postmaster_start_time() AS "startedBeforeDatabase",
      started_on AS "startedOn",
      retry_count >= retry_limit AS "lastAttempt"
    FROM ${Prisma.raw(`${SCHEMA}.job`)}
    WHERE name = ${QUEUES.ingestSource} AND state = 'active'`;
}

/** Ends a running ingestion job as a failed attempt: pg-boss retries it after its retry delay, unless it was the last. */
export async function failIngestJob(id: string, message: string): Promise<void> {
  const boss = await jobQueue();
  await boss.fail(QUEUES.ingestSource, id, { message });
}

export async function stopJobQueue(): Promise<void> {
  const pending = g.__chatwerkBoss;
  g.__chatwerkBoss = undefined;
  g.__chatwerkIngestWorkers = undefined;
  const boss = await pending?.catch(() => undefined);
  await boss?.stop({ graceful: true, timeout: 10_000, wait: true });
}
