import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getLiveChatSettings, LIVE_CHAT_DEFAULTS, matchesHandoffKeyword, readLiveChatSettings, updateLiveChatSettings } from "@/lib/live-chat/settings";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

useTestDatabase();

describe("readLiveChatSettings", () => {
  it("falls back to the defaults for anything missing or invalid", () => {
    expect(readLiveChatSettings({})).toEqual(LIVE_CHAT_DEFAULTS);
    expect(readLiveChatSettings(null)).toEqual(LIVE_CHAT_DEFAULTS);
    expect(readLiveChatSettings("garbage")).toEqual(LIVE_CHAT_DEFAULTS);
    expect(
      readLiveChatSettings({ handoffKeywords: ["  Mensch ", "MENSCH", "Agent"], queueTimeoutSeconds: 5, offerTimeoutSeconds: "20", reassignAfterMinutes: 0, autoAwayMinutes: "15", transcripts: { enabled: "yes", emails: ["a@b.de"] } }),
    ).toEqual({ handoffKeywords: ["mensch", "agent"], queueTimeoutSeconds: 180, offerTimeoutSeconds: 20, reassignAfterMinutes: 3, autoAwayMinutes: 15, transcripts: { enabled: false, emails: ["a@b.de"] } });
    expect(readLiveChatSettings({ transcripts: { enabled: true, emails: ["nope"] } }).transcripts).toEqual({ enabled: true, emails: [] });
  });

  it("matches keywords case-insensitively", () => {
    const settings = readLiveChatSettings({ handoffKeywords: ["Mitarbeiter", "human"] });
    expect(matchesHandoffKeyword(settings, "Kann ich mit einem MITARBEITER sprechen?")).toBe(true);
    expect(matchesHandoffKeyword(settings, "Wie sind die Öffnungszeiten?")).toBe(false);
  });
});

describe("updateLiveChatSettings", () => {
  const valid = { handoffKeywords: ["Mensch", "Berater"], queueTimeoutSeconds: 240, offerTimeoutSeconds: 30, reassignAfterMinutes: 5, autoAwayMinutes: 5, transcripts: { enabled: true, emails: ["Team@Example.com"] } };

  it("saves for admins, with an audit entry, and reads back", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Live Settings");
    const saved = await updateLiveChatSettings(ctx, valid);
    expect(saved).toEqual({ handoffKeywords: ["mensch", "berater"], queueTimeoutSeconds: 240, offerTimeoutSeconds: 30, reassignAfterMinutes: 5, autoAwayMinutes: 5, transcripts: { enabled: true, emails: ["team@example.com"] } });
    expect(await getLiveChatSettings(ctx)).toEqual(saved);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "live_chat.settings_updated" } })).toBe(1);
  });

  it("refuses operators and invalid values", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Live Refuse");
    const { user } = await addMember(workspace.id, "operator");
    await expectAppError(updateLiveChatSettings(await contextFor(user.id, workspace.slug), valid), "forbidden");
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, queueTimeoutSeconds: 29 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, queueTimeoutSeconds: 3601 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, autoAwayMinutes: 121 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, offerTimeoutSeconds: 9 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, offerTimeoutSeconds: 601 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, reassignAfterMinutes: 0 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, reassignAfterMinutes: 61 }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, handoffKeywords: Array.from({ length: 31 }, (_, i) => `k${i}`) }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, handoffKeywords: ["x".repeat(61)] }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, transcripts: { enabled: true, emails: ["kein-mail"] } }));
    await expectZodError(updateLiveChatSettings(ctx, { ...valid, transcripts: { enabled: true, emails: Array.from({ length: 11 }, (_, i) => `a${i}@b.de`) } }));
    expect(await getLiveChatSettings(ctx)).toEqual(LIVE_CHAT_DEFAULTS);
  });

  it("changes only the actor's workspace", async () => {
    const a = await createOwnerWithWorkspace("Live A");
    const b = await createOwnerWithWorkspace("Live B");
    await updateLiveChatSettings(a.ctx, valid);
    expect(await getLiveChatSettings(b.ctx)).toEqual(LIVE_CHAT_DEFAULTS);
  });
});
