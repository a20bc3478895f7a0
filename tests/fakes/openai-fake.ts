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
 * A fake OpenAI API speaking the wire format the `openai` SDK parses:
 * - POST /v1/chat/completions: SSE `data: {chat.completion.chunk}` with `choices[0].delta.content`,
 *   a finish chunk, a usage chunk with `choices: []` when `stream_options.include_usage`, then
 *   `data: [DONE]`; a `chat.completion` JSON object when not streaming;
 * - POST /v1/embeddings: `float` or `base64` (little-endian float32) vectors, deterministic per
 *   input text (fakeEmbedding), with OpenAI's validation of empty input and `dimensions`;
 * - GET /v1/models;
 * - errors as `{error: {message, type, param, code}}`.
 * `url` ends in /v1, as the SDK's baseURL does. With `apiKey` set, other bearer tokens get a
 * 401 whose message echoes the presented key (harsher than OpenAI, which masks most of it).
 */
export async function startFakeOpenAI(
  opts: { apiKey?: string; embeddingDimensions?: number; models?: string[]; reply?: string; port?: number } = {},
): Promise<TFakeServer> {
  return startFakeServer({
    basePath: "/v1",
    port: opts.port,
    route: async (req, conn, takeStep) => {
      const presented = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
      if (opts.apiKey !== undefined && presented !== opts.apiKey) {
        return conn.json(401, errorBody(401, `Incorrect API key provided: ${presented}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_api_key"));
      }
      const route = `${req.method} ${req.path}`;
      if (route === "GET /v1/models") return listModels(conn, opts.models);
      if (route !== "POST /v1/chat/completions" && route !== "POST /v1/embeddings") {
        return conn.json(404, errorBody(404, `Invalid URL (${req.method} ${req.path})`, null));
      }
      const step = takeStep();
      if (step?.type === "hang") return;
      if (step?.type === "error") return sendError(conn, step);
      if (route === "POST /v1/embeddings") return embeddings(req, conn, step?.type === "embeddings" ? step : undefined, opts.embeddingDimensions);
      return chat(req, conn, step?.type === "text" ? step : { type: "text", text: opts.reply ?? "Hello from the fake OpenAI." });
    },
  });
}

type TTextStep = Extract<TFakeStep, { type: "text" }>;
type TChatBody = { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean }; messages?: { content?: unknown }[] };

const DEFAULT_MESSAGES: Record<number, [string, string]> = {
  400: ["invalid_request_error", "Invalid request."],
  401: ["invalid_request_error", "Invalid authentication."],
  403: ["invalid_request_error", "You are not allowed to access this resource."],
  404: ["invalid_request_error", "The model does not exist or you do not have access to it."],
  429: ["requests", "Rate limit reached for requests. Please try again in 1s."],
  500: ["server_error", "The server had an error while processing your request. Sorry about that!"],
  503: ["server_error", "The engine is currently overloaded, please try again later."],
};

function errorBody(status: number, message?: string, code?: string | null) {
  const [type, fallback] = DEFAULT_MESSAGES[status] ?? (status >= 500 ? DEFAULT_MESSAGES[500]! : DEFAULT_MESSAGES[400]!);
  return { error: { message: message ?? fallback, type: code === "insufficient_quota" ? "insufficient_quota" : type, param: null, code: code ?? null } };
}

async function sendError(conn: FakeConnection, step: Extract<TFakeStep, { type: "error" }>) {
  await conn.wait(step.delayMs ?? 0);
  conn.json(step.status, errorBody(step.status, step.message, step.code), {
    "x-request-id": `req_fake_${Date.now()}`,
    ...(step.retryAfter !== undefined ? { "retry-after": step.retryAfter } : {}),
  });
}

function listModels(conn: FakeConnection, models = ["gpt-4o-mini", "text-embedding-3-small"]) {
  conn.json(200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "system" })) });
}

async function chat(req: TRecordedRequest, conn: FakeConnection, step: TTextStep) {
  const body = (req.body ?? {}) as TChatBody;
  const model = body.model ?? "gpt-4o-mini";
  const prompt = (body.messages ?? []).map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
  const usage =
    step.usage === false
      ? undefined
      : step.usage
        ? { prompt_tokens: step.usage.input, completion_tokens: step.usage.output, total_tokens: step.usage.input + step.usage.output }
        : { prompt_tokens: fakeTokenCount(prompt), completion_tokens: fakeTokenCount(step.text), total_tokens: fakeTokenCount(prompt) + fakeTokenCount(step.text) };
  const finishReason = step.finishReason ?? "stop";
  const id = `chatcmpl-fake${req.at}`;
  const created = Math.floor(req.at / 1000);
  await conn.wait(step.delayMs ?? 0);

  if (!body.stream) {
    return conn.json(200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: step.text, refusal: null }, logprobs: null, finish_reason: finishReason }],
      ...(usage ? { usage } : {}),
    });
  }

  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ id, object: "chat.completion.chunk", created, model, system_fingerprint: null, choices, ...(includeUsage ? { usage: null } : {}), ...extra });
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });

  conn.startEvents({ "x-request-id": `req_fake_${req.at}` });
  conn.event(chunk([choice({ role: "assistant", content: "", refusal: null })]));
  const pieces = splitReply(step.text, step.deltas);
  for (const [index, piece] of pieces.entries()) {
    if (index === step.hangAfterDeltas) return;
    if (index === step.dropAfterDeltas) return conn.drop();
    if (index === step.errorAfterDeltas) {
      conn.event(JSON.stringify({ error: { message: "The server had an error while processing your request.", type: "server_error", param: null, code: null } }));
      return conn.end();
    }
    if (index > 0) await conn.wait(step.chunkDelayMs ?? 0);
    if (conn.closed) return;
    conn.event(chunk([choice({ content: piece })]));
  }
  if (step.hangAfterDeltas !== undefined && step.hangAfterDeltas >= pieces.length) return;
  if (step.dropAfterDeltas !== undefined && step.dropAfterDeltas >= pieces.length) return conn.drop();
  await conn.wait(step.chunkDelayMs ?? 0);
  conn.event(chunk([choice({}, finishReason)]));
  if (includeUsage && usage) conn.event(chunk([], { usage }));
  conn.event("[DONE]");
  conn.end();
}

const MODEL_DIMENSIONS: Record<string, number> = { "text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536 };

function embeddings(req: TRecordedRequest, conn: FakeConnection, step: Extract<TFakeStep, { type: "embeddings" }> | undefined, fallbackDimensions = 768) {
  const body = (req.body ?? {}) as { model?: string; input?: unknown; dimensions?: number; encoding_format?: string };
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  const invalidInput = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.some((t) => typeof t !== "string" || t.length === 0)) {
    return conn.json(400, errorBody(400, invalidInput));
  }
  if (inputs.length > 2048) return conn.json(400, errorBody(400, "'$.input' is too long. Maximum 2048 inputs."));
  const model = body.model ?? "";
  if (body.dimensions !== undefined && !model.startsWith("text-embedding-3")) {
    return conn.json(400, errorBody(400, "This model does not support specifying dimensions."));
  }
  const dimensions = step?.dimensions ?? body.dimensions ?? MODEL_DIMENSIONS[model] ?? fallbackDimensions;
  const base64 = body.encoding_format === "base64";
  const data = (inputs as string[]).map((text, index) => {
    const vector = fakeEmbedding(text, dimensions);
    return { object: "embedding", index, embedding: base64 ? Buffer.from(Float32Array.from(vector).buffer).toString("base64") : vector };
  });
  const tokens = (inputs as string[]).reduce((sum, t) => sum + fakeTokenCount(t), 0);
  const respond = () => conn.json(200, { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  if (step?.delayMs) return conn.wait(step.delayMs).then(respond);
  respond();
}
