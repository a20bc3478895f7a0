import { z } from "zod";
import { db, Prisma } from "../db/client";
import { AppError } from "../errors/app-error";
import { ZDomain, ZSlug, ZWorkspaceName } from "../validation/common";
import type { TWorkspaceContext } from "./types";

export const ZWorkspaceSettingsInput = z.object({
  name: ZWorkspaceName,
  slug: ZSlug,
  allowedDomains: z.array(ZDomain).max(50, "At most 50 domains"),
  retentionDays: z.coerce.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days"),
});
export type TWorkspaceSettingsInput = z.input<typeof ZWorkspaceSettingsInput>;

export async function updateWorkspaceSettings(ctx: TWorkspaceContext, raw: TWorkspaceSettingsInput) {
  const input = ZWorkspaceSettingsInput.parse(raw);
  const allowedDomains = [...new Set(input.allowedDomains)];
  try {
    const workspace = await db().workspace.update({
      where: { id: ctx.workspaceId },
      data: { name: input.name, slug: input.slug, allowedDomains, retentionDays: input.retentionDays },
    });
    await db().auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "workspace.settings_updated", data: input },
    });
    return workspace;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "This address is already taken by another workspace.", { details: { field: "slug" } });
    }
    throw error;
  }
}
