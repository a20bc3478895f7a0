/**
 * Builds the embeddable widget with esbuild:
 *   widget/loader.ts       -> public/widget.js        (≤ 8 KB gzipped)
 *   widget/frame/index.tsx -> public/widget/frame.js  (≤ 60 KB gzipped, CSS inside)
 *
 *   node scripts/build-widget.mjs          one build, prints gzipped sizes
 *   node scripts/build-widget.mjs --watch  rebuilds on change (development)
 *
 * The options live here only: tests/unit/widget/bundle-budget.test.ts builds in memory
 * with widgetBuildOptions() and asserts the budgets below.
 */
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const WIDGET_BUDGETS = { loader: 8 * 1024, frame: 60 * 1024 };

/** @returns {{ loader: import("esbuild").BuildOptions, frame: import("esbuild").BuildOptions }} */
export function widgetBuildOptions({ outdir = path.join(root, "public") } = {}) {
  /** @type {import("esbuild").BuildOptions} */
  const shared = {
    absWorkingDir: root,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2019",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  };
  return {
    loader: { ...shared, entryPoints: [path.join(root, "widget/loader.ts")], outfile: path.join(outdir, "widget.js") },
    frame: { ...shared, entryPoints: [path.join(root, "widget/frame/index.tsx")], outfile: path.join(outdir, "widget/frame.js") },
  };
}

export const gzipSize = (contents) => gzipSync(contents, { level: 9 }).length;

function report(name, outfile, contents) {
  const size = gzipSize(contents);
  const budget = WIDGET_BUDGETS[name];
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const status = size <= budget ? "ok" : "OVER BUDGET";
  console.log(`${path.relative(root, outfile).padEnd(24)} ${kb(contents.length).padStart(9)}  gzip ${kb(size).padStart(8)} / ${kb(budget)}  ${status}`);
  return size <= budget;
}

/** One build of both bundles; resolves to false when a bundle exceeds its budget. */
export async function buildWidget(options = widgetBuildOptions()) {
  let withinBudget = true;
  for (const [name, entry] of Object.entries(options)) {
    mkdirSync(path.dirname(entry.outfile), { recursive: true });
    const result = await esbuild.build({ ...entry, write: false });
    for (const file of result.outputFiles) {
      await writeFile(file.path, file.contents);
      withinBudget = report(name, file.path, file.contents) && withinBudget;
    }
  }
  return withinBudget;
}

async function watch(options = widgetBuildOptions()) {
  for (const [name, entry] of Object.entries(options)) {
    mkdirSync(path.dirname(entry.outfile), { recursive: true });
    const context = await esbuild.context({
      ...entry,
      minify: false,
      sourcemap: "inline",
      plugins: [
        {
          name: "report",
          setup(build) {
            build.onEnd((result) => {
              if (result.errors.length > 0) console.error(`[widget] ${name}: ${result.errors.map((error) => error.text).join("; ")}`);
              else console.log(`[widget] ${name} rebuilt`);
            });
          },
        },
      ],
    });
    await context.watch();
  }
  console.log("[widget] watching widget/ for changes");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes("--watch")) {
    await watch();
  } else {
    try {
      const withinBudget = await buildWidget();
      if (!withinBudget) process.exitCode = 1;
    } catch (error) {
      console.error(error.errors ? error.errors.map((item) => item.text).join("\n") : error);
      process.exitCode = 1;
    }
  }
}
