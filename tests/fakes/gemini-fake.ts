import {
  fakeEmbedding,
  fakeTokenCount,
  splitReply,
  startFakeServer,
  type FakeConnection,
  type TFakeServer,
  type TFakeStep,
  type TRecordedRequest,
} from "./fake-http";

export { fakeEmbedding, type TFakeServer, type TFakeStep, type TRecordedRequest } from "./fake-http";

/**
 * A fake Gemini Developer API speaking the wire format `@google/genai` parses:
 * - POST /v1beta/models/{model}:streamGenerateContent?alt=sse: SSE (`\r\n\r\n`-separated, as
 *   Google sends) of GenerateContentResponse JSON with candidates[0].content.parts[].text,
 *   running usageMetadata, and finishReason plus candidatesTokenCount on the last chunk;
 * - POST …:generateContent: one GenerateContentResponse;
 * - POST …:batchEmbedContents (what `ai.models.embedContent` calls with several contents) and
 *   …:embedContent: vectors derived from each text (fakeEmbedding) but scaled by 3, because
 *   Gemini does not normalise below 3072 dimensions; at most 100 requests per batch;
 * - GET /v1beta/models;
 * - errors as `{error: {code, message, status, details}}`; a wrong `x-goog-api-key` gets
 *   Google's real answer, 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
 * `url` is the origin, as the SDK's `httpOptions.baseUrl` expects (it appends /v1beta).
 */
export async function startFakeGemini(opts: { apiKey?: string; models?: string[]; reply?: string; port?: number } = {}): Promise<TFakeServer> {
  return startFakeServer({
    basePath: "",
    port: opts.port,
    route: async (req, conn, takeStep) => {
      const presented = req.headers["x-goog-api-key"] ?? req.query.key ?? "";
      if (opts.apiKey !== undefined && presented !== opts.apiKey) {
        return sendError(conn, { type: "error", status: 400, message: "API key not valid. Please pass a valid API key.", code: "API_KEY_INVALID" });
      }
      if (req.method === "GET" && /^\/v1(beta)?\/models$/.test(req.path)) return listModels(conn, opts.models);
      const match = /^\/v1(?:beta)?\/models\/([^/:]+):(streamGenerateContent|generateContent|embedContent|batchEmbedContents)$/.exec(req.path);
      if (req.method !== "POST" || !match) {
        return sendError(conn, { type: "error", status: 404, message: `Method not found: ${req.method} ${req.path}` });
      }
      const [, model, method] = match as unknown as [string, string, string];
      const step = takeStep();
      if (step?.type === "hang") return;
      if (step?.type === "error") return sendError(conn, step);
      if (method === "batchEmbedContents" || method === "embedContent") {
        return embed(req, conn, model, method, step?.type === "embeddings" ? step : undefined);
      }
      const textStep = step?.type === "text" ? step : ({ type: "text", text: opts.reply ?? "Hello from the fake Gemini." } as const);
      return generate(req, conn, model, method === "streamGenerateContent", textStep);
    },
  });
}

type TErrorStep = Extract<TFakeStep, { type: "error" }>;
type TTextStep = Extract<TFakeStep, { type: "text" }>;

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

function googleError(code: number, message: string | undefined, reason?: string, retryDelay?: string) {
  const details: Record<string, unknown>[] = [];
  if (reason) details.push({ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com", metadata: { service: "generativelanguage.googleapis.com" } });
  if (retryDelay) details.push({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay });
  return {
    error: {
      code,
      message: message ?? (code === 429 ? "Resource has been exhausted (e.g. check quota)." : `The fake Gemini answered ${code}.`),
      status: STATUS_NAMES[code] ?? (code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT"),
      ...(details.length ? { details } : {}),
    },
  };
}

async function sendError(conn: FakeConnection, step: TErrorStep) {
  await conn.wait(step.delayMs ?? 0);
  conn.json(step.status, googleError(step.status, step.message, step.code, step.retryDelay), step.retryAfter !== undefined ? { "retry-after": step.retryAfter } : {});
}

function listModels(conn: FakeConnection, models = ["gemini-2.5-flash", "gemini-embedding-001"]) {
  conn.json(200, {
    models: models.map((id) => ({
      name: `models/${id}`,
      displayName: id,
      supportedGenerationMethods: id.includes("embedding") ? ["embedContent", "batchEmbedContents"] : ["generateContent", "countTokens"],
    })),
  });
}

type TPart = { text?: string };
type TGenerateBody = { contents?: { parts?: TPart[] }[]; systemInstruction?: { parts?: TPart[] } };

async function generate(req: TRecordedRequest, conn: FakeConnection, model: string, streaming: boolean, step: TTextStep) {
  const body = (req.body ?? {}) as TGenerateBody;
  const promptText = [body.systemInstruction, ...(body.contents ?? [])].flatMap((c) => c?.parts ?? []).map((p) => p.text ?? "").join("\n");
  const promptTokens = step.usage ? step.usage.input : fakeTokenCount(promptText);
  const outputTokens = step.usage ? step.usage.output : fakeTokenCount(step.text);
  const finishReason = step.finishReason ?? "STOP";
  const response = (text: string, last: boolean) => ({
    candidates: [{ content: { parts: [{ text }], role: "model" }, ...(last ? { finishReason } : {}), index: 0 }],
    ...(step.usage === false
      ? {}
      : {
          usageMetadata: {
            promptTokenCount: promptTokens,
            ...(last ? { candidatesTokenCount: outputTokens } : {}),
            totalTokenCount: promptTokens + (last ? outputTokens : 0),
            promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }],
          },
        }),
    modelVersion: model,
    responseId: `fake-${req.at}`,
  });
  await conn.wait(step.delayMs ?? 0);
  if (!streaming) return conn.json(200, response(step.text, true));

  conn.startEvents();
  const pieces = splitReply(step.text, step.deltas);
  if (pieces.length === 0) pieces.push("");
  for (const [index, piece] of pieces.entries()) {
    if (index === step.hangAfterDeltas) return;
    if (index === step.dropAfterDeltas) return conn.drop();
    if (index === step.errorAfterDeltas) {
      conn.event(JSON.stringify(googleError(500, "An internal error has occurred.")), "\r\n\r\n");
      return conn.end();
    }
    if (index > 0) await conn.wait(step.chunkDelayMs ?? 0);
    if (conn.closed) return;
    const last = index === pieces.length - 1 && step.hangAfterDeltas === undefined && step.dropAfterDeltas === undefined;
    conn.event(JSON.stringify(response(piece, last)), "\r\n\r\n");
  }
  if (step.hangAfterDeltas !== undefined) return;
  if (step.dropAfterDeltas !== undefined) return conn.drop();
  conn.end();
}

const MODEL_DIMENSIONS: Record<string, number> = { "gemini-embedding-001": 3072, "text-embedding-004": 768 };
// Gemini vectors below 3072 dimensions are not unit length; the scale makes clients prove they normalise.
const GEMINI_SCALE = 3;

type TEmbedRequest = { model?: string; content?: { parts?: TPart[] }; outputDimensionality?: number };

async function embed(req: TRecordedRequest, conn: FakeConnection, model: string, method: string, step: Extract<TFakeStep, { type: "embeddings" }> | undefined) {
  const body = (req.body ?? {}) as { requests?: TEmbedRequest[] } & TEmbedRequest;
  const requests = method === "batchEmbedContents" ? (body.requests ?? []) : [body];
  if (requests.length > 100) {
    return sendError(conn, { type: "error", status: 400, message: "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n" });
  }
  if (method === "batchEmbedContents" && requests.some((r) => r.model !== `models/${model}`)) {
    return sendError(conn, { type: "error", status: 400, message: `* BatchEmbedContentsRequest.model: every request's model must be models/${model}\n` });
  }
  const vectors = requests.map((r) => {
    const text = (r.content?.parts ?? []).map((p) => p.text ?? "").join("");
    const dimensions = step?.dimensions ?? r.outputDimensionality ?? MODEL_DIMENSIONS[model] ?? 768;
    return fakeEmbedding(text, dimensions).map((v) => v * GEMINI_SCALE);
  });
  await conn.wait(step?.delayMs ?? 0);
  if (method === "embedContent") return conn.json(200, { embedding: { values: vectors[0] } });
  conn.json(200, { embeddings: vectors.map((values) => ({ values })) });
}
