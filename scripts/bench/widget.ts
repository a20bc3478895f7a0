/**
 * `npm run bench` (also `tsx scripts/bench/widget.ts`): the widget's numbers, side by side in
 * one run (issue 4 "Bench").
 * 1. Loader and frame bundle bytes, gzipped (the same esbuild options as the build).
 * 2. Time from `message:send` to the first `bot:delta` with the offline provider: a real
 *    socket.io server with the /widget namespace on an embedded database holding the
 *    66-page help-centre corpus; a real socket.io client sends the 125 bench questions.
 * 3. The pipeline's added latency over a bare call to a fake LLM server (OpenAI wire format,
 *    fixed 40 ms to the first token): per question, first the bare SDK call (time to first
 *    delta), then the same through the widget (message:send → first bot:delta) with the bot
 *    set to OpenAI against the same fake; added = pipeline − bare, per pair.
 * JSON: bench/results/widget.json.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { createChatProvider } from "../../lib/ai/chat";
import { saveProviderCredential } from "../../lib/ai/credentials";
import { drainBotTurns } from "../../lib/chat/bot-turn";
import { setRuntimeEnv } from "../../lib/config/env";
import { db } from "../../lib/db/client";
import { offlineEmbedder } from "../../lib/kb/embed/embedder";
import { resetRateLimiters } from "../../lib/rate-limit/rate-limit";
import { attachWidgetNamespace } from "../../server/widget-socket";
import { startFakeOpenAI } from "../../tests/fakes/openai-fake";
import { loadCorpus } from "./retrieval-corpus";
import { createTenant, openBenchDatabase } from "./retrieval-db";
import { ingestMarkdownFiles } from "./retrieval-ingest";
import { latencyOf, type TLatency } from "./retrieval-metrics";

const TARGETS = { loaderBytes: 8 * 1024, frameBytes: 60 * 1024, firstDeltaP95Ms: 150, addedP95Ms: 50 };
const FAKE_FIRST_TOKEN_MS = 40;
const RESULTS_FILE = path.resolve("bench/results/widget.json");

async function bundleSizes() {
  const build = (await import(pathToFileURL(path.resolve("scripts/build-widget.mjs")).href)) as {
    widgetBuildOptions: () => Record<"loader" | "frame", esbuild.BuildOptions>;
    gzipSize: (contents: Uint8Array) => number;
  };
  const options = build.widgetBuildOptions();
  const out: Record<string, { bytes: number; gzip: number }> = {};
  for (const name of ["loader", "frame"] as const) {
    const result = await esbuild.build({ ...options[name], write: false });
    const contents = result.outputFiles![0]!.contents;
    out[name] = { bytes: contents.length, gzip: build.gzipSize(contents) };
  }
  return out as Record<"loader" | "frame", { bytes: number; gzip: number }>;
}

type TClient = { socket: Socket; firstDelta: () => Promise<number> };

async function openClient(url: string, botId: string): Promise<TClient> {
  const socket = connect(`${url}/widget`, { path: "/socket.io/", transports: ["websocket"], auth: { botId, locale: "de-DE" }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("session", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    // Resolves with the time of the first bot:delta after the call, then waits for bot:done.
    firstDelta: () =>
      new Promise<number>((resolve) => {
        let first = 0;
        socket.once("bot:delta", () => (first = performance.now()));
        socket.once("bot:done", () => resolve(first));
      }),
  };
}

async function timeToFirstDelta(client: TClient, text: string, id: string): Promise<number> {
  const done = client.firstDelta();
  const t = performance.now();
  const ack = (await client.socket.emitWithAck("message:send", { text, clientMessageId: `bench-${id}` })) as { ok: boolean; error?: unknown };
  if (!ack.ok) throw new Error(`message:send failed: ${JSON.stringify(ack.error)}`);
  return (await done) - t;
}

export async function benchWidget() {
  const sizes = await bundleSizes();
  console.log("Widget bundles (gzip level 9):");
  console.table([
    { bundle: "loader (public/widget.js)", bytes: sizes.loader.bytes, gzip: sizes.loader.gzip, budget: TARGETS.loaderBytes, ok: sizes.loader.gzip <= TARGETS.loaderBytes },
    { bundle: "frame (public/widget/frame.js)", bytes: sizes.frame.bytes, gzip: sizes.frame.gzip, budget: TARGETS.frameBytes, ok: sizes.frame.gzip <= TARGETS.frameBytes },
  ]);

  console.log("[widget bench] preparing");
  const { pages, questions } = await loadCorpus();
  const dir = await mkdtemp(path.join(tmpdir(), "cw-bench-widget-"));
  const database = await openBenchDatabase(dir);
  // Many questions from one client would hit the visitor flood limit; the bench measures latency.
  setRuntimeEnv({ RATE_LIMIT_SCALE: "1000", ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  resetRateLimiters();
  const fake = await startFakeOpenAI({ apiKey: "sk-bench" });
  const server = http.createServer();
  const io = new Server(server, { path: "/socket.io/" });
  attachWidgetNamespace(io.of("/widget"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const offlineTenant = await createTenant("Widget Bench", "Offline bot");
    await ingestMarkdownFiles({ workspaceId: offlineTenant.workspaceId, botId: offlineTenant.botId, name: "Help centre", files: pages.map((p) => ({ key: p.key, path: p.path })) }, offlineEmbedder());
    const llmTenant = await createTenant("Widget Bench LLM", "LLM bot");
    await ingestMarkdownFiles({ workspaceId: llmTenant.workspaceId, botId: llmTenant.botId, name: "Help centre", files: pages.map((p) => ({ key: p.key, path: p.path })) }, offlineEmbedder());
    await saveProviderCredential(llmTenant.workspaceId, "openai", { apiKey: "sk-bench", baseUrl: fake.url });
    await db().bot.update({ where: { id: llmTenant.botId }, data: { modelSettings: { provider: "openai", model: "gpt-4o-mini", onlyFromKnowledge: false } } });
    const [offlineBot, llmBot] = await Promise.all([
      db().bot.findUniqueOrThrow({ where: { id: offlineTenant.botId }, select: { publicId: true } }),
      db().bot.findUniqueOrThrow({ where: { id: llmTenant.botId }, select: { publicId: true } }),
    ]);

    console.log("[widget bench] corpus ingested twice; measuring");
    // 2. Offline provider: message:send → first bot:delta.
    const offline = await openClient(url, offlineBot.publicId);
    for (const q of questions.slice(0, 10)) await timeToFirstDelta(offline, q.question, `warm-${q.id}`);
    const offlineSamples: number[] = [];
    for (const q of questions) offlineSamples.push(await timeToFirstDelta(offline, q.question, `q-${q.id}`));
    offline.socket.disconnect();

    // 3. Bare fake-LLM call vs the pipeline, interleaved per question.
    const provider = createChatProvider({ provider: "openai", model: "gpt-4o-mini", apiKey: "sk-bench", baseUrl: fake.url });
    const reply = { type: "text" as const, text: "Die Lieferung dauert zwei bis drei Werktage [1].", deltas: 6, delayMs: FAKE_FIRST_TOKEN_MS };
    const bareOnce = async () => {
      fake.script(reply);
      const t = performance.now();
      let first = 0;
      for await (const chunk of provider.stream({ messages: [{ role: "system", content: "Answer briefly." }, { role: "user", content: "Wie lange dauert die Lieferung?" }] })) {
        if (chunk.type === "delta" && !first) first = performance.now() - t;
      }
      return first;
    };
    const llm = await openClient(url, llmBot.publicId);
    for (const q of questions.slice(0, 5)) {
      await bareOnce();
      fake.script(reply);
      await timeToFirstDelta(llm, q.question, `lw-${q.id}`);
    }
    const bare: number[] = [];
    const pipeline: number[] = [];
    const added: number[] = [];
    for (const q of questions) {
      const b = await bareOnce();
      fake.script(reply);
      const p = await timeToFirstDelta(llm, q.question, `l-${q.id}`);
      bare.push(b);
      pipeline.push(p);
      added.push(p - b);
    }
    llm.socket.disconnect();
    await drainBotTurns();

    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const first = latencyOf(sorted(offlineSamples));
    const lat = { bare: latencyOf(sorted(bare)), pipeline: latencyOf(sorted(pipeline)), added: latencyOf(sorted(added)) };
    const row = (label: string, l: TLatency) => ({ measure: label, n: l.n, "p50 ms": l.p50Ms.toFixed(1), "p95 ms": l.p95Ms.toFixed(1), "mean ms": l.meanMs.toFixed(1), "max ms": l.maxMs.toFixed(1) });
    console.log(`\nTime to first answer token over the widget socket (${questions.length} questions, 66-page corpus, hybrid retrieval):`);
    console.table([
      row("offline provider: message:send → first bot:delta", first),
      row(`bare fake-LLM call (first token after ${FAKE_FIRST_TOKEN_MS} ms)`, lat.bare),
      row("pipeline with that LLM: message:send → first bot:delta", lat.pipeline),
      row("added by the pipeline (paired difference)", lat.added),
    ]);
    const ok = (b: boolean) => (b ? "meets target" : "MISSES target");
    console.log(`Offline first delta p95 ${first.p95Ms.toFixed(1)} ms (target ≤ ${TARGETS.firstDeltaP95Ms}) → ${ok(first.p95Ms <= TARGETS.firstDeltaP95Ms)}`);
    console.log(`Added latency p95 ${lat.added.p95Ms.toFixed(1)} ms (target ≤ ${TARGETS.addedP95Ms}) → ${ok(lat.added.p95Ms <= TARGETS.addedP95Ms)}`);
    const report = { started: new Date().toISOString(), node: process.version, sizes, targets: TARGETS, offlineFirstDelta: first, llm: lat, fakeFirstTokenMs: FAKE_FIRST_TOKEN_MS };
    await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await writeFile(RESULTS_FILE, JSON.stringify(report, null, 2));
    console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
    return report;
  } finally {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await fake.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  benchWidget().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
