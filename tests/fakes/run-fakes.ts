import { parseArgs } from "node:util";
import { startFakeGemini } from "./gemini-fake";
import { startFakeOpenAI } from "./openai-fake";

/**
 * Runs both fake providers as a process for end-to-end tests:
 *   npx tsx tests/fakes/run-fakes.ts --openai-port 4010 --gemini-port 4011 [--reply "…"]
 * Prints one JSON line with the base URLs once listening; stops on SIGINT/SIGTERM.
 * Without scripted steps every request gets a normal answer (`--reply`, or a default).
 */
const { values } = parseArgs({
  options: {
    "openai-port": { type: "string", default: "0" },
    "gemini-port": { type: "string", default: "0" },
    reply: { type: "string" },
    "api-key": { type: "string" },
  },
});

const [openai, gemini] = await Promise.all([
  startFakeOpenAI({ port: Number(values["openai-port"]), reply: values.reply, apiKey: values["api-key"] }),
  startFakeGemini({ port: Number(values["gemini-port"]), reply: values.reply, apiKey: values["api-key"] }),
]);
console.log(JSON.stringify({ openai: openai.url, gemini: gemini.url }));

const stop = () => void Promise.all([openai.close(), gemini.close()]).then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
