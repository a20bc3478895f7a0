import { z } from "zod";
import { db, Prisma } from "../db/client";
import { ZEmail } from "../validation/common";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";

/**
 * Workspace-wide live-chat settings, stored in Workspace.liveChatSettings (JSON).
 * Readers use `readLiveChatSettings` so an old or hand-edited document never breaks the
 * server core: every missing or invalid field falls back to its default.
 */

export const LIVE_CHAT_DEFAULTS = {
  handoffKeywords: [] as string[],
  queueTimeoutSeconds: 180,
  offerTimeoutSeconds: 45,
  reassignAfterMinutes: 3,
  autoAwayMinutes: 10,
  transcripts: { enabled: false, emails: [] as string[] },
} as const;

/** Keywords are matched case-insensitively, so they are stored trimmed and lowercase. */
export const ZHandoffKeyword = z
  .string()
  .trim()
  .min(1, "Enter a keyword")
  .max(60, "At most 60 characters")
  .transform((v) => v.toLowerCase());

export const ZLiveChatSettings = z.object({
  handoffKeywords: z
    .array(ZHandoffKeyword)
    .max(30, "At most 30 keywords")
    .transform((list) => [...new Set(list)]),
  queueTimeoutSeconds: z.coerce.number().int().min(30, "At least 30 seconds").max(3600, "At most 3600 seconds"),
  /** An offer nobody answers within this time moves on to the next free operator. */
  offerTimeoutSeconds: z.coerce.number().int().min(10, "At least 10 seconds").max(600, "At most 600 seconds"),
  /** Chats of an operator who stays offline this long go back to the queue for someone else. */
  reassignAfterMinutes: z.coerce.number().int().min(1, "At least 1 minute").max(60, "At most 60 minutes"),
  autoAwayMinutes: z.coerce.number().int().min(1, "At least 1 minute").max(120, "At most 120 minutes"),
  transcripts: z.object({
    enabled: z.boolean(),
    emails: z
      .array(ZEmail)
      .max(10, "At most 10 addresses")
      .transform((list) => [...new Set(list)]),
  }),
});
export type TLiveChatSettings = z.output<typeof ZLiveChatSettings>;
export type TLiveChatSettingsInput = z.input<typeof ZLiveChatSettings>;

function field<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** Never throws: anything missing or invalid in the stored JSON reads as its default. */
export function readLiveChatSettings(json: unknown): TLiveChatSettings {
  const raw = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const transcripts =
    raw.transcripts && typeof raw.transcripts === "object" && !Array.isArray(raw.transcripts)
      ? (raw.transcripts as Record<string, unknown>)
      : {};
  const shape = ZLiveChatSettings.shape;
  return {
    handoffKeywords: field(shape.handoffKeywords, raw.handoffKeywords, [...LIVE_CHAT_DEFAULTS.handoffKeywords]),
    queueTimeoutSeconds: field(shape.queueTimeoutSeconds, raw.queueTimeoutSeconds, LIVE_CHAT_DEFAULTS.queueTimeoutSeconds),
    offerTimeoutSeconds: field(shape.offerTimeoutSeconds, raw.offerTimeoutSeconds, LIVE_CHAT_DEFAULTS.offerTimeoutSeconds),
    reassignAfterMinutes: field(shape.reassignAfterMinutes, raw.reassignAfterMinutes, LIVE_CHAT_DEFAULTS.reassignAfterMinutes),
    autoAwayMinutes: field(shape.autoAwayMinutes, raw.autoAwayMinutes, LIVE_CHAT_DEFAULTS.autoAwayMinutes),
    transcripts: {
      enabled: field(z.boolean(), transcripts.enabled, LIVE_CHAT_DEFAULTS.transcripts.enabled),
      emails: field(shape.transcripts.shape.emails, transcripts.emails, [...LIVE_CHAT_DEFAULTS.transcripts.emails]),
    },
  };
}

/** True when `text` contains one of the keywords (case-insensitive, substring). */
export function matchesHandoffKeyword(settings: Pick<TLiveChatSettings, "handoffKeywords">, text: string): boolean {
  const haystack = text.toLowerCase();
  return settings.handoffKeywords.some((k) => k.length > 0 && haystack.includes(k));
}

export async function getLiveChatSettings(ctx: Pick<TWorkspaceContext, "workspaceId">): Promise<TLiveChatSettings> {
  const workspace = await db().workspace.findUnique({ where: { id: ctx.workspaceId }, select: { liveChatSettings: true } });
  return readLiveChatSettings(workspace?.liveChatSettings);
}

export async function updateLiveChatSettings(ctx: TWorkspaceContext, raw: TLiveChatSettingsInput): Promise<TLiveChatSettings> {
  requireRole(ctx, ["admin"]);
  const settings = ZLiveChatSettings.parse(raw);
  await db().$transaction([
    db().workspace.update({
      where: { id: ctx.workspaceId },
      data: { liveChatSettings: settings as unknown as Prisma.InputJsonValue },
    }),
    db().auditLog.create({
      data: {
        workspaceId: ctx.workspaceId,
        actorId: ctx.actorId,
        action: "live_chat.settings_updated",
        targetType: "workspace",
        targetId: ctx.workspaceId,
        data: settings as unknown as Prisma.InputJsonValue,
      },
    }),
  ]);
  return settings;
}
