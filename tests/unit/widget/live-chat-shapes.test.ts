import { describe, expect, it } from "vitest";
import { asksForDepartment, widgetConfig } from "@/lib/bots/bot-settings";
import type { TWidgetConfig } from "@/lib/widget/protocol";
import { avatarSrc, initials } from "@/widget/frame/avatar-url";
import { chosenDepartmentId, leadFields, preChatFormFields, validateForm } from "@/widget/frame/lead-rules";
import { readDepartments, readFrameConfig } from "@/widget/frame/pre-chat-config";
import { createSessionStore } from "@/widget/frame/session-store";
import { readWidgetConfig } from "@/widget/shared/config";
import { isInvitation, isLoaderToFrame } from "@/widget/shared/post-message";

const INVITATION = { invitationId: "Inv0123456789abcdefghi", operator: { name: "Anna", avatarUrl: "/api/avatars/x" }, text: "Darf ich helfen?" };
const envelope = (message: Record<string, unknown>) => ({ source: "chatwerk", ...message });

describe("loader → frame live-chat messages", () => {
  it("accept a well-formed presence and invitation", () => {
    expect(isLoaderToFrame(envelope({ type: "presence", visitorKey: "abcdefghijklmnop_-12", humanAvailable: true }))).toBe(true);
    expect(isLoaderToFrame(envelope({ type: "invitation", invitation: INVITATION }))).toBe(true);
    expect(isLoaderToFrame(envelope({ type: "invitation", invitation: { ...INVITATION, operator: { name: "Anna", avatarUrl: null } } }))).toBe(true);
  });

  it("refuse anything else", () => {
    expect(isLoaderToFrame(envelope({ type: "presence", visitorKey: "short", humanAvailable: true }))).toBe(false);
    expect(isLoaderToFrame(envelope({ type: "presence", visitorKey: "abcdefghijklmnop<>", humanAvailable: true }))).toBe(false);
    expect(isLoaderToFrame(envelope({ type: "presence", visitorKey: "abcdefghijklmnop_-12", humanAvailable: "yes" }))).toBe(false);
    expect(isLoaderToFrame(envelope({ type: "invitation", invitation: { ...INVITATION, invitationId: "../../x" } }))).toBe(false);
    expect(isLoaderToFrame(envelope({ type: "invitation", invitation: { ...INVITATION, text: "x".repeat(501) } }))).toBe(false);
    expect(isLoaderToFrame(envelope({ type: "invitation", invitation: { ...INVITATION, text: "   " } }))).toBe(false);
    expect(isLoaderToFrame(envelope({ type: "invitation", invitation: { ...INVITATION, operator: { name: 42, avatarUrl: null } } }))).toBe(false);
    expect(isLoaderToFrame({ source: "evil", type: "invitation", invitation: INVITATION })).toBe(false);
    expect(isInvitation({ ...INVITATION, operator: null })).toBe(false);
  });
});

describe("departments in the widget config", () => {
  const preChat = (options: string[]) => ({ enabled: true, fields: [{ key: "abteilung", type: "department", label: { de: "Abteilung", en: "Department" }, required: true, options }] });

  it("are listed by the server only for a pre-chat form that asks for one", () => {
    const bot = { publicId: "bot_1", name: "Hilfe", widgetSettings: { preChat: preChat([]) } };
    expect(asksForDepartment(bot.widgetSettings)).toBe(true);
    expect(asksForDepartment({ preChat: { ...preChat([]), enabled: false } })).toBe(false);
    expect(asksForDepartment({})).toBe(false);
    const departments = [{ id: "d1", name: "Vertrieb" }];
    expect(widgetConfig(bot, { origin: "https://app.example", showBranding: true, humanAvailable: true, departments }).departments).toEqual(departments);
    expect(widgetConfig(bot, { origin: "https://app.example", showBranding: true, humanAvailable: false }).departments).toEqual([]);
  });

  it("are read defensively by the frame and ignored by the loader", () => {
    expect(readDepartments([{ id: "d1", name: " Vertrieb " }, { id: "d1", name: "Doppelt" }, { id: "bad id!", name: "X" }, { id: "d2" }, "garbage"])).toEqual([{ id: "d1", name: "Vertrieb" }]);
    expect(readWidgetConfig({ botId: "bot_1", origin: "https://app.example", departments: [{ id: "d1", name: "Vertrieb" }] })?.departments).toEqual([]);
  });

  it("fill a department field the owner gave no names; its answer goes only with the handoff", () => {
    const config = readFrameConfig({ botId: "bot_1", origin: "https://app.example", preChat: preChat([]), departments: [{ id: "d1", name: "Vertrieb" }, { id: "d2", name: "Technik" }] }) as TWidgetConfig;
    const fields = preChatFormFields(config, "de");
    expect(fields[0]).toMatchObject({ options: ["Vertrieb", "Technik"], inLead: false });
    expect(validateForm(fields, { abteilung: "Technik" })).toEqual({});
    expect(chosenDepartmentId(fields, { abteilung: "Technik" })).toBe("d2");
    expect(leadFields(fields, { abteilung: "Technik" })).toEqual({});
  });

  it("match the owner's names to departments, keeping names without one as plain answers", () => {
    const config = readFrameConfig({ botId: "bot_1", origin: "https://app.example", preChat: preChat(["vertrieb", "Presse"]), departments: [{ id: "d1", name: "Vertrieb" }] }) as TWidgetConfig;
    const fields = preChatFormFields(config, "de");
    expect(fields[0]?.options).toEqual(["vertrieb", "Presse"]);
    expect(chosenDepartmentId(fields, { abteilung: "vertrieb" })).toBe("d1");
    expect(chosenDepartmentId(fields, { abteilung: "Presse" })).toBeUndefined();
    expect(chosenDepartmentId(fields, { abteilung: "constructor" })).toBeUndefined();
    expect(leadFields(fields, { abteilung: "vertrieb" })).toEqual({ abteilung: "vertrieb" });
  });

  it("drop a department field with nothing to offer", () => {
    const config = readFrameConfig({ botId: "bot_1", origin: "https://app.example", preChat: preChat([]), departments: [] }) as TWidgetConfig;
    expect(config.preChat).toEqual({ enabled: false, fields: [] });
  });

  it("keep the chosen department with the stored session, and nothing odd", () => {
    const data = new Map<string, string>();
    const memory = { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), removeItem: (key: string) => void data.delete(key) };
    const store = createSessionStore("bot_1", () => memory as unknown as Storage);
    const token = "t".repeat(43);
    store.write({ sessionId: token, open: false, departmentId: "d1" });
    expect(store.read()).toEqual({ sessionId: token, open: false, departmentId: "d1" });
    data.set("chatwerk:v1:bot_1", JSON.stringify({ sessionId: token, open: false, departmentId: "<img>" }));
    expect(store.read()).toEqual({ sessionId: token, open: false });
  });
});

describe("operator avatars", () => {
  it("load from our own origin only", () => {
    expect(avatarSrc("/api/avatars/AAAAAAAAAAAAAAAAAAAAAA", "https://app.example")).toBe("https://app.example/api/avatars/AAAAAAAAAAAAAAAAAAAAAA");
    expect(avatarSrc("https://evil.example/a.png", "https://app.example")).toBeNull();
    expect(avatarSrc("//evil.example/a.png", "https://app.example")).toBeNull();
    expect(avatarSrc("javascript:alert(1)", "https://app.example")).toBeNull();
    expect(avatarSrc("data:image/svg+xml,<svg onload=alert(1)>", "https://app.example")).toBeNull();
    expect(avatarSrc(null, "https://app.example")).toBeNull();
  });

  it("fall back to the name's initials", () => {
    expect(initials("Anna Berger")).toBe("AB");
    expect(initials("  otto ")).toBe("O");
    expect(initials("Ümit von der Özdemir")).toBe("ÜÖ");
    expect(initials("<script>")).toBe("S");
    expect(initials("--- ")).toBe("");
  });
});
