// `npm start`: production server; builds first when there is no build yet.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build found: running `npm run build` first (about a minute)...");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The widget bundles live outside .next (public/): rebuild them when missing (about a second).
if (!existsSync("public/widget.js") || !existsSync("public/widget/frame.js")) {
  const widget = spawnSync(process.execPath, ["scripts/build-widget.mjs"], { stdio: "inherit" });
  if (widget.status !== 0) process.exit(widget.status ?? 1);
}

const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV || "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
