// Worker thread that owns the embedded PGlite database and serves it over a private
// Unix socket with the Postgres wire protocol. Running it here keeps the single-threaded
// WASM engine off the main event loop (socket.io, HTTP). Nothing queries the PGlite
// handle directly once the socket server runs. Plain JavaScript: worker threads do not
// inherit the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./extensions.mjs";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** @type {{ pgDataDir: string | null, socketPath: string, maxConnections: number, sharedBuffersMb?: number }} */
const input = workerData;

async function main() {
  const db = await PGlite.create(input.pgDataDir ?? undefined, { extensions: PGLITE_EXTENSIONS, startParams: startParams(input.sharedBuffersMb) });
  await db.exec("CREATE EXTENSION IF NOT EXISTS vector");
  // Loads the German and English text-search dictionaries (stemmers, stopword files) into
  // this one backend now: on a data directory the first to_tsvector otherwise takes 130-210 ms
  // more, paid by the first ingestion or full-text search (decision 016).
  await db.query("SELECT to_tsvector('german', 'x'), to_tsvector('english', 'x')");
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: input.maxConnections });
  keepExtendedQueriesTogether(server);
  await server.start();
  parentPort.postMessage({ type: "ready" });

  parentPort.on("message", async (message) => {
    if (message.type !== "stop") return;
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: "stopped" });
    } catch (error) {
      parentPort.postMessage({ type: "error", message: String(error) });
    }
  });
}

/**
 * PGlite's own start parameters plus the buffer cache size. PostgreSQL's 128 MB default holds
 * little of a large bot's chunks and HNSW graph; every page missed there is read again
 * through the WASM file system (docs/decisions/017-embedded-buffer-cache.md).
 */
function startParams(sharedBuffersMb) {
  const params = [...PGlite.defaultStartParams];
  if (sharedBuffersMb) params.push("-c", `shared_buffers=${sharedBuffersMb}MB`);
  return params;
}

/** Extended-protocol messages that continue a sequence (Parse, Bind, Describe, Execute, Close, Flush). */
const SEQUENCE_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * pglite-socket 0.2.17 runs the messages of all connections one at a time through one
 * queue and keeps a connection's messages together only inside a transaction. node-postgres
 * sends every parameterised query as Parse, Bind, Describe, Execute, Sync on the one unnamed
 * statement and portal; when another connection's messages (often a BEGIN) run between
 * them, the first connection binds to a statement that is not its own ("bind message
 * supplies 4 parameters, but prepared statement "" requires 3", "portal "" does not exist").
 * This keeps a connection's sequence together until its Sync, the same way the library
 * keeps transactions together. docs/decisions/014-pglite-extended-protocol.md.
 */
function keepExtendedQueriesTogether(server) {
  const queue = server.queryQueue;
  if (!queue || typeof queue.processQueue !== "function" || !Array.isArray(queue.queue)) {
    throw new Error("pglite-socket internals changed: review keepExtendedQueriesTogether in lib/db/embedded/worker.mjs");
  }
  let pinned = null;
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() && this.lastHandlerId ? this.lastHandlerId : pinned;
        let query;
        if (owner !== null && owner !== undefined) {
          const i = this.queue.findIndex((q) => q.handlerId === owner);
          if (i === -1) break; // its next message has not arrived yet; it re-runs the queue
          query = this.queue.splice(i, 1)[0];
        } else {
          query = this.queue.shift();
        }
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(query.message, { onRawData: (data) => { bytes += data.length; query.onData(data); } }));
        } catch (error) {
          pinned = null;
          query.reject(error);
          continue;
        }
        this.lastHandlerId = query.handlerId;
        pinned = SEQUENCE_MESSAGES.has(query.message[0]) ? query.handlerId : null;
        query.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    if (pinned === handlerId) pinned = null;
    clear(handlerId);
    void queue.processQueue();
  };
}

main().catch((error) => {
  parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
});
