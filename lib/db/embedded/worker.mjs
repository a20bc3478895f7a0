// Worker thread that owns the embedded PGlite database and serves it over a private
// Unix socket with the Postgres wire protocol. Running it here keeps the single-threaded
// WASM engine off the main event loop (socket.io, HTTP). Nothing queries the PGlite
// handle directly once the socket server runs. Plain JavaScript: worker threads do not
// inherit the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** @type {{ pgDataDir: string | null, socketPath: string, maxConnections: number }} */
const input = workerData;

async function main() {
  const db = await PGlite.create(input.pgDataDir ?? undefined, { extensions: { vector } });
  await db.exec("CREATE EXTENSION IF NOT EXISTS vector");
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: input.maxConnections });
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

main().catch((error) => {
  parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
});
