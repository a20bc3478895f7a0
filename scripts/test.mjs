// `npm test`: unit + integration tests (vitest, real PGlite), then end-to-end tests
// (Playwright driving Debian's Chromium against a production build). Prints one closing
// line "Tests: N passed, N failed, N skipped" over both.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const reportDir = path.join(root, "test-results");
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;

// 0. a current production build (the server lifecycle test and the end-to-end tests use it)
if (buildIsStale()) {
  console.log("Production build missing or older than the sources: building first...");
  if (run("npm", ["run", "build"]) !== 0) process.exit(1);
}

// 1. vitest
const vitestJson = path.join(reportDir, "vitest.json");
const vitestStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8"));
  totals.passed += r.numPassedTests;
  // A suite that fails in its setup has no failed tests of its own: count it too.
  totals.failed += r.numFailedTests + r.numFailedTestSuites;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
if (vitestStatus !== 0) failed = true;

// 2. end-to-end
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const requireE2e = process.env.REQUIRE_E2E === "1";
if (!existsSync(chromium)) {
  const banner = "#".repeat(78);
  console.error(`\n${banner}\n# END-TO-END TESTS SKIPPED: no Chromium at ${chromium}.\n# Install it (apt-get install -y chromium) or set CHROMIUM_PATH.\n${banner}\n`);
  if (requireE2e) {
    console.error("REQUIRE_E2E=1: a missing browser is a failure.");
    failed = true;
    totals.failed += 1;
  }
} else {
  const pwJson = path.join(reportDir, "playwright.json");
  const pwStatus = run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, "utf8")).stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  } else if (pwStatus !== 0) {
    totals.failed += 1;
  }
  if (pwStatus !== 0) failed = true;
}

console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child === "generated" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale() {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "messages", "public", "widget", "proxy.ts", "next.config.ts", "package-lock.json"];
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}
