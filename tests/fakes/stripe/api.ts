import type { IncomingMessage, ServerResponse } from "node:http";
import Stripe from "stripe";
import { invalid, StripeApiError } from "./errors";
import { parseStripeForm, withArrays, type TFormHash } from "./form";
import { ID_SEGMENT, newId } from "./ids";
import { route } from "./routes";
import type { TFakeState } from "./state";
import type { TStripeRequest } from "./types";

/**
 * The `/v1/…` API: the key (401), the API version, the form body, idempotency keys as in
 * Stripe (the same key and parameters replay the saved response with `Idempotent-Replayed:
 * true`, other parameters are an `idempotency_error`, a request refused by validation is not
 * saved) and scripted failures (failNext), then the endpoint itself.
 */
export async function handleApi(state: TFakeState, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake.local");
  const method = req.method ?? "GET";
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
  const record: TStripeRequest = {
    method,
    path: url.pathname,
    route: routeOf(method, url.pathname),
    headers,
    params: {},
    idempotencyKey: headers["idempotency-key"] || null,
    status: 0,
    replayed: false,
    at: Date.now(),
  };
  state.requests.push(record);
  const requestId = newId.request();
  const respond = (status: number, body: string, extra: Record<string, string> = {}) => {
    record.status = status;
    res.writeHead(status, {
      "content-type": "application/json",
      "request-id": requestId,
      "stripe-version": headers["stripe-version"] || Stripe.API_VERSION,
      ...(record.idempotencyKey && method !== "GET" ? { "idempotency-key": record.idempotencyKey } : {}),
      ...extra,
    });
    res.end(body);
  };

  try {
    authenticate(state, headers.authorization);
    const encoded = checkRequest(method, headers, raw, url);
    const form = parseStripeForm(encoded);
    record.params = withArrays(form) as Record<string, unknown>;
    const fingerprint = `${method} ${url.pathname}\n${encoded.split("&").sort().join("&")}`;
    const key = method === "POST" || method === "DELETE" ? record.idempotencyKey : null;
    const saved = key ? savedResponse(state, key, fingerprint) : undefined;
    if (saved) {
      record.replayed = true;
      return respond(saved.status, saved.body, { "idempotent-replayed": "true", "original-request": saved.requestId });
    }
    const save = (status: number, body: string) => {
      if (key) state.idempotent.set(key, { fingerprint, status, body, requestId });
    };
    try {
      const body = JSON.stringify(await run(state, record.route, method, url.pathname, form, { id: requestId, idempotency_key: key }), null, 2);
      save(200, body);
      respond(200, body);
    } catch (error) {
      if (error instanceof StripeApiError && error.extra.saved) save(error.status, JSON.stringify(error.body(), null, 2));
      throw error;
    }
  } catch (error) {
    if (error instanceof StripeApiError) return respond(error.status, JSON.stringify(error.body(), null, 2), error.extra.headers);
    throw error;
  }
}

/** The scripted failure for this route (failNext), else the endpoint. */
async function run(state: TFakeState, routeName: string, method: string, path: string, form: TFormHash, request: { id: string; idempotency_key: string | null }): Promise<unknown> {
  const scripted = state.failures.findIndex((f) => f.route === routeName);
  if (scripted >= 0) {
    const { failure } = state.failures.splice(scripted, 1)[0]!;
    const status = failure.status ?? 500;
    throw new StripeApiError(status, failure.message ?? "An unknown error occurred", {
      type: failure.type ?? (status >= 500 ? "api_error" : "invalid_request_error"),
      code: failure.code,
      param: failure.param,
      headers: { "stripe-should-retry": "false" },
      saved: status >= 500 || status === 402,
    });
  }
  return route(state, method, path, form, request);
}

/** The API version and the body's content type; the encoded form (body for POST, query otherwise). */
function checkRequest(method: string, headers: Record<string, string>, raw: string, url: URL): string {
  const version = headers["stripe-version"];
  if (version && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version)) throw invalid(`Invalid Stripe API version: ${version}`);
  const bodyMethod = method === "POST";
  if (bodyMethod && raw && !(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    throw invalid(`Invalid request: unsupported Content-Type ${headers["content-type"] ?? "(none)"}. If error persists and you need assistance, please contact support@stripe.com.`);
  }
  return bodyMethod ? raw : url.search.slice(1);
}

/** The response saved for `key` when the parameters are the same; other parameters are an idempotency_error. */
function savedResponse(state: TFakeState, key: string, fingerprint: string) {
  const saved = state.idempotent.get(key);
  if (saved && saved.fingerprint !== fingerprint) {
    throw new StripeApiError(
      400,
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      { type: "idempotency_error" },
    );
  }
  return saved;
}

function authenticate(state: TFakeState, header: string | undefined): void {
  if (!header) {
    throw new StripeApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  // Stripe also takes the key as the Basic auth user name (curl -u sk_test_…:).
  const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
  const presented = bearer ?? (basic ? Buffer.from(basic, "base64").toString("utf8").split(":")[0]! : "");
  if (presented !== state.options.apiKey) throw new StripeApiError(401, `Invalid API Key provided: ${maskKey(presented)}`);
}

/** Method and path with object ids replaced by ":id", e.g. "POST /v1/customers/:id/tax_ids". */
export function routeOf(method: string, path: string): string {
  return `${method} ${path
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment))
    .join("/")}`;
}

function maskKey(key: string): string {
  return key.length <= 12 ? "*".repeat(key.length) : `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}`;
}
