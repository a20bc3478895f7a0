import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/bots/[botId]/chat/route";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createBot } from "@/lib/bots/bots";
import { drainBotTurns } from "@/lib/chat/bot-turn";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { createSource } from "@/lib/kb/sources";
import { createOwnerWithWorkspace } from "../helpers/factories";
import { runQueuedIngestJobs } from "../helpers/ingest-jobs";
import { useTestDatabase } from "../helpers/test-database";

/** POST /api/v1/bots/{botId}/chat through the route handler: JSON and SSE, session reuse, errors. */
useTestDatabase();

let secret = "";
let botId = "";
let otherSecret = "";

beforeAll(async () => {
  const { ctx } = await createOwnerWithWorkspace("API Chat Shop");
  const bot = await createBot(ctx, { name: "API-Hilfe" });
  botId = bot.id;
  secret = (await createApiKey(ctx, { name: "test" })).secret;
  await createSource(ctx, bot.id, { type: "qa", pairs: [{ question: "Wann hat die Werkstatt geöffnet?", answer: "Die Werkstatt ist montags bis freitags von 9 bis 18 Uhr geöffnet." }] });
  await runQueuedIngestJobs();
  const other = await createOwnerWithWorkspace("Other Shop");
  otherSecret = (await createApiKey(other.ctx, { name: "other" })).secret;
});

afterAll(async () => {
  await drainBotTurns();
  await stopJobQueue();
});

const call = (body: unknown, headers: Record<string, string> = {}, key = secret) =>
  POST(new Request(`http://localhost/api/v1/bots/${botId}/chat`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ botId }),
  });

describe("POST /api/v1/bots/{botId}/chat", () => {
  it("answers as JSON from the knowledge, with citations and a session to continue", async () => {
    const res = await call({ message: "Wann ist die Werkstatt offen?" });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { sessionId: string; conversationId: string; answer: string; citations: { title: string }[]; status: string };
    expect(json.status).toBe("done");
    expect(json.answer).toContain("9 bis 18 Uhr");
    expect(json.citations.length).toBeGreaterThan(0);
    expect(res.headers.get("x-session-id")).toBe(json.sessionId);

    const again = (await (await call({ message: "Und samstags?" }, { "x-session-id": json.sessionId })).json()) as { conversationId: string };
    expect(again.conversationId).toBe(json.conversationId);
    expect(await db().message.count({ where: { conversationId: json.conversationId } })).toBe(4);
  });

  it("streams server-sent events: session, deltas, done", async () => {
    const res = await call({ message: "Öffnungszeiten der Werkstatt?", stream: true });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({ event: m[1], data: JSON.parse(m[2]!) as Record<string, unknown> }));
    expect(events[0]?.event).toBe("session");
    const deltas = events.filter((e) => e.event === "delta").map((e) => e.data.delta).join("");
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    expect(done.data.answer).toBe(deltas);
    expect(String(done.data.answer)).toContain("9 bis 18 Uhr");
  });

  it("rejects bad input, other workspaces and repeated idempotency keys", async () => {
    expect((await call({ message: "" })).status).toBe(400);
    expect((await call({ message: "x".repeat(4001) })).status).toBe(400);
    expect((await call({ message: "Hallo" }, {}, otherSecret)).status).toBe(404);
    expect((await call({ message: "Hallo" }, {}, "cwk_wrong")).status).toBe(401);
    const first = (await (await call({ message: "Hallo Werkstatt" }, { "idempotency-key": "same-key-0001" })).json()) as { sessionId: string };
    const repeat = await call({ message: "Hallo Werkstatt" }, { "idempotency-key": "same-key-0001", "x-session-id": first.sessionId });
    expect(repeat.status).toBe(409);
  });
});
