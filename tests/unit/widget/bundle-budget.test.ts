import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { gzipSize, WIDGET_BUDGETS, widgetBuildOptions } from "../../../scripts/build-widget.mjs";

async function bundle(options: esbuild.BuildOptions): Promise<Uint8Array> {
  const result = await esbuild.build({ ...options, write: false });
  const [file] = result.outputFiles ?? [];
  if (!file) throw new Error("esbuild produced no output");
  return file.contents;
}

describe("widget bundle budget (issue 4)", () => {
  const options = widgetBuildOptions();

  it("keeps the loader at or under 8 KB gzipped", async () => {
    const size = gzipSize(await bundle(options.loader));
    expect(WIDGET_BUDGETS.loader).toBe(8192);
    expect(size).toBeLessThanOrEqual(8192);
  });

  it("keeps the chat frame, socket.io client included, at or under 60 KB gzipped", async () => {
    const contents = await bundle(options.frame);
    expect(WIDGET_BUDGETS.frame).toBe(61440);
    expect(gzipSize(contents)).toBeLessThanOrEqual(61440);
    expect(new TextDecoder().decode(contents)).toContain("/socket.io/");
  });
});
