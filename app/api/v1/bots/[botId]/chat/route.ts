import { withApiKey } from "@/lib/auth/next/with-api-key";
import { startApiChat, type TApiChatEvent } from "@/lib/chat/api-chat";
import { readJson } from "@/lib/http/read-json";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/bots/{botId}/chat {message, stream?, locale?} with optional X-Session-Id and
 * Idempotency-Key → {sessionId, conversationId, answer, citations, status}, or with
 * `stream: true` an SSE stream of `session`, `delta` and `done` events (docs/api.md).
 */
export const POST = withApiKey<{ botId: string }>(async (req, { api, params }) => {
  const body = await readJson(req);
  // startApiChat validates the body (ZChatInput); only the choice of response is read here.
  const wantsStream = (body as { stream?: unknown } | null)?.stream === true;
  const options = { sessionToken: req.headers.get("x-session-id"), idempotencyKey: req.headers.get("idempotency-key") };
  if (!wantsStream) {
    const run = await startApiChat(api, params.botId, body, { ...options, onEvent: () => undefined });
    return Response.json(
      { sessionId: run.sessionId, conversationId: run.conversationId, answer: run.result?.answer ?? "", citations: run.result?.citations ?? [], status: run.result?.status ?? "failed" },
      { headers: { "x-session-id": run.sessionId } },
    );
  }
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const send = (e: TApiChatEvent) => controller.enqueue(encoder.encode(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`));
  // Validation and lookup errors surface as a normal JSON error before the stream starts.
  let started: (value: unknown) => void;
  const firstEvent = new Promise((resolve) => (started = resolve));
  const run = startApiChat(api, params.botId, body, {
    ...options,
    onEvent: (e) => {
      send(e);
      if (e.event === "session") started(e);
    },
  });
  const outcome = await Promise.race([firstEvent.then(() => "streaming" as const), run.then(() => "finished" as const)]);
  void run.then(
    () => controller.close(),
    (error) => {
      send({ event: "done", data: { messageId: "", answer: "", citations: [], status: "failed" } });
      controller.close();
      if (outcome === "streaming") console.error(error);
    },
  );
  if (outcome === "finished") await run; // rethrows validation errors as JSON responses
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
});
