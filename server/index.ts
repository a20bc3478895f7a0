/**
 * The one process: Next.js and socket.io on the same HTTP server, the embedded (or
 * external) database, background workers. `npm start` runs this in production,
 * `npm run dev` with reload on change.
 */
import http from "node:http";
import next from "next";
import { EnvError, env } from "../lib/config/env";
import { openDatabase, type TOpenDatabase } from "../lib/db/open-database";
import { log } from "../lib/log/logger";
import { mailboxEnabled } from "../lib/mail/send-mail";
import { drainBotTurns } from "../lib/chat/bot-turn";
import { failAbandonedAnswers } from "../lib/chat/messages";
import { CLIENT_IP_HEADER, resolveClientIp } from "../lib/http/client-ip";
import { resetLexemeStats } from "../lib/kb/lexeme-stats";
import { drainLeadNotifications } from "../lib/leads/lead-mail";
import { closeRedis } from "../lib/redis/redis";
import { ensureSecrets } from "../lib/secrets/ensure-secrets";
import { seedDemoOnFirstStart } from "../lib/workspaces/seed-demo";
import { createRealtimeServer } from "./realtime";
import { startWorkers } from "./workers";
import { stopJobQueue } from "../lib/jobs/queue";

async function main() {
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const startedAt = Date.now();
  const dev = config.NODE_ENV === "development";

  const secrets = await ensureSecrets(config);
  if (secrets.generated.length) {
    log.info(`Generated ${secrets.generated.join(" and ")} into ${config.dataDir}/secrets.json (set them by env in production)`);
  }

  let database: TOpenDatabase;
  try {
    database = await openDatabase(env());
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (database.kind === "embedded" && !database.ownsEmbedded) {
    log.warn("Another Chatwerk process owns this data directory; this one shares its database.");
  }
  if (database.migrations.applied.length) {
    log.info(`Applied ${database.migrations.applied.length} migration(s)`, { migrations: database.migrations.applied });
  }
  if (!config.SMTP_URL && !mailboxEnabled()) {
    log.warn(`SMTP_URL is not set: emails are only written to ${config.dataDir}/outbox. Set SMTP_URL so users receive them.`);
  }
  if (config.SEED_DEMO === "true") await seedDemoOnFirstStart({ baseUrl: config.baseUrl });

  // Embedded: this process owns the database, so any "streaming" answer is an orphan. With a
  // shared server, only answers not saved for two minutes (others save every second).
  const abandoned = await failAbandonedAnswers(database.kind === "embedded" && database.ownsEmbedded ? 0 : undefined);
  if (abandoned) log.warn(`Marked ${abandoned} answer(s) interrupted by the last shutdown as failed`);

  const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const upgrade = app.getUpgradeHandler();

  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.on("close", () => inFlight.delete(res));
    if (shuttingDown) res.setHeader("Connection", "close");
    req.headers[CLIENT_IP_HEADER] = resolveClientIp(req, config.TRUST_PROXY === "true");
    void handle(req, res);
  });
  const realtime = await createRealtimeServer(server);
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) return; // socket.io handles its own upgrades
    void upgrade(req, socket, head);
  });

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info(`${signal} received: finishing in-flight requests`);
    const force = setTimeout(() => {
      log.error("Shutdown took too long; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    server.close();
    // Answers being streamed finish (and are stored) before the sockets close.
    await Promise.race([Promise.all([drainBotTurns(), drainLeadNotifications()]), new Promise((r) => setTimeout(r, 8_000))]);
    await realtime.close();
    await stopJobQueue();
    resetLexemeStats();
    const deadline = Date.now() + 10_000;
    while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.closeAllConnections();
    await closeRedis();
    await database.close();
    log.info("Stopped cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  server.listen(config.PORT, config.HOST, () => {
    // Workers start once the server answers: the demo bot crawls our own FAQ pages.
    void startWorkers({ concurrency: config.KB_CONCURRENCY, maintainEmbedded: database.kind === "embedded" && database.ownsEmbedded }).catch((error: unknown) => log.error("Workers failed to start", { error: String(error) }));
    log.info(
      `Chatwerk ${dev ? "(dev) " : ""}ready on ${config.baseUrl} in ${Date.now() - startedAt} ms ` +
        `(database: ${database.kind}${config.REDIS_URL ? ", redis" : ""})`,
    );
  });
}

main().catch((error: unknown) => {
  log.error("Fatal error during start", { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
