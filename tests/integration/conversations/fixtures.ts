import { randomUUID } from "node:crypto";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../../helpers/factories";

/** A workspace with one bot, and conversations written straight into the database. */
export async function setupWorkspace(name = "Transcript Shop") {
  const { owner, workspace, ctx } = await createOwnerWithWorkspace(name);
  const bot = await createBot(ctx, { name: "Shop-Hilfe" });
  return { owner, workspace, ctx, bot };
}

type TMessageSeed = { role: "visitor" | "bot" | "operator" | "system"; text: string; internal?: boolean; authorUserId?: string; at?: Date };

export async function seedConversation(
  ws: { workspaceId: string; botId: string },
  data: {
    visitorName?: string | null;
    visitorEmail?: string | null;
    visitorSessionId?: string;
    status?: "bot" | "queued" | "assigned" | "closed";
    departmentId?: string;
    assignedUserId?: string;
    rating?: number;
    ratingComment?: string;
    ratedAt?: Date;
    tags?: string[];
    createdAt?: Date;
    lastMessageAt?: Date;
    messages?: TMessageSeed[];
  } = {},
) {
  const sessionId =
    data.visitorSessionId ??
    (
      await db().visitorSession.create({
        data: { workspaceId: ws.workspaceId, botId: ws.botId, tokenHash: randomUUID(), name: data.visitorName ?? null, email: data.visitorEmail ?? null, locale: "de-DE" },
      })
    ).id;
  const createdAt = data.createdAt ?? new Date();
  const messages = data.messages ?? [];
  const conversation = await db().conversation.create({
    data: {
      workspaceId: ws.workspaceId,
      botId: ws.botId,
      visitorSessionId: sessionId,
      status: data.status ?? "closed",
      departmentId: data.departmentId ?? null,
      assignedUserId: data.assignedUserId ?? null,
      rating: data.rating ?? null,
      ratingComment: data.ratingComment ?? null,
      ratedAt: data.rating ? (data.ratedAt ?? createdAt) : null,
      tags: data.tags ?? [],
      createdAt,
      lastMessageAt: data.lastMessageAt ?? createdAt,
      messageCount: messages.length,
    },
  });
  for (const [i, m] of messages.entries()) {
    await db().message.create({
      data: {
        workspaceId: ws.workspaceId,
        conversationId: conversation.id,
        role: m.role,
        text: m.text,
        internal: m.internal ?? false,
        authorUserId: m.authorUserId ?? null,
        createdAt: m.at ?? new Date(createdAt.getTime() + i * 1000),
      },
    });
  }
  return conversation;
}
