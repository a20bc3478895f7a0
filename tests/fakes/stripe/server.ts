import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi } from "./api";
import { completeCheckout, settleAsyncPayment } from "./checkout";
import { handleHosted } from "./hosted-pages";
import { createState, resetState } from "./state";
import type { TStripeFake, TStripeFakeOptions } from "./types";
import { deliverEvent, redeliver } from "./webhooks";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

/** Starts the fake on `options.port` (default: any free port) and resolves once it listens. */
export async function startFakeStripe(options: TStripeFakeOptions): Promise<TStripeFake> {
  if (options.webhookUrl && !options.webhookSecret) throw new Error("startFakeStripe: webhookSecret is required with webhookUrl");
  const state = createState(options);
  const server = createServer((req, res) => {
    void readBody(req)
      .then((raw) => ((req.url ?? "").startsWith("/v1/") ? handleApi(state, req, res, raw) : handleHosted(state, req, res, raw)))
      .catch((error: unknown) => {
        if (res.headersSent) return void res.end();
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "api_error", message: `fake Stripe failure: ${String(error)}` } }));
      });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  state.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "");

  return {
    url,
    publicUrl: state.publicUrl,
    sessions: state.sessions,
    customers: state.customers,
    taxIds: state.taxIds,
    invoices: state.invoices,
    events: state.events,
    requests: state.requests,
    deliveries: state.deliveries,
    paramsOf: (r) => state.requests.filter((q) => q.route === r).map((q) => q.params),
    completeCheckout: (sessionId, opts) => completeCheckout(state, sessionId, opts),
    settleAsyncPayment: (sessionId, opts) => settleAsyncPayment(state, sessionId, opts),
    deliverEvent: (type, object) => deliverEvent(state, type, object),
    redeliver: (eventId) => redeliver(state, eventId),
    failNext: (r, failure = {}) => {
      state.failures.push({ route: r, failure });
    },
    reset: () => resetState(state),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
