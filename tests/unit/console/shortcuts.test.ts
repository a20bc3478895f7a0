import { describe, expect, it } from "vitest";
import { SHORTCUT_HELP, shortcutFor, type TKeyInput } from "@/components/console/shortcuts";

const key = (input: Partial<TKeyInput>): TKeyInput => ({ key: "", code: "", altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, inEditable: false, ...input });

describe("keyboard shortcuts", () => {
  it("maps Alt combinations by physical key, also while typing and on a Mac layout", () => {
    expect(shortcutFor(key({ altKey: true, code: "KeyA", key: "a" }))).toEqual({ type: "accept" });
    expect(shortcutFor(key({ altKey: true, code: "KeyA", key: "å", inEditable: true }))).toEqual({ type: "accept" });
    expect(shortcutFor(key({ altKey: true, code: "KeyD", key: "∂" }))).toEqual({ type: "decline" });
    expect(shortcutFor(key({ altKey: true, code: "ArrowDown", key: "ArrowDown" }))).toEqual({ type: "nextChat" });
    expect(shortcutFor(key({ altKey: true, code: "ArrowUp", key: "ArrowUp" }))).toEqual({ type: "prevChat" });
    expect(shortcutFor(key({ altKey: true, code: "KeyW", key: "w" }))).toEqual({ type: "closeChat" });
    expect(shortcutFor(key({ altKey: true, code: "Digit3", key: "3" }))).toEqual({ type: "tab", index: 2 });
    expect(shortcutFor(key({ altKey: true, code: "Digit0", key: "0" }))).toBeNull();
  });

  it("leaves the browser's and the editor's own combinations alone", () => {
    expect(shortcutFor(key({ altKey: true, ctrlKey: true, code: "KeyA" }))).toBeNull();
    expect(shortcutFor(key({ metaKey: true, code: "KeyA", key: "a" }))).toBeNull();
    expect(shortcutFor(key({ altKey: true, shiftKey: true, code: "KeyA" }))).toBeNull();
    expect(shortcutFor(key({ altKey: true, code: "KeyA", isComposing: true }))).toBeNull();
  });

  it("? and / only outside text fields", () => {
    expect(shortcutFor(key({ key: "?", code: "Minus", shiftKey: true }))).toEqual({ type: "help" });
    expect(shortcutFor(key({ key: "?", inEditable: true }))).toBeNull();
    expect(shortcutFor(key({ key: "/", code: "Slash" }))).toEqual({ type: "canned" });
    expect(shortcutFor(key({ key: "/", inEditable: true }))).toBeNull();
    expect(shortcutFor(key({ key: "a", code: "KeyA" }))).toBeNull();
  });

  it("lists every shortcut once in the help", () => {
    const labels = SHORTCUT_HELP.map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(expect.arrayContaining(["accept", "decline", "nextChat", "prevChat", "closeChat", "canned", "help"]));
  });
});
