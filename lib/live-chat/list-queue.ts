import { db } from "../db/client";
import type { TPageInfo } from "../widget/protocol";
import { operatorIdentities } from "./operator-identity";
import type { TQueueItem } from "./protocol";

const QUEUE_MAX = 1000;

export function readPage(json: unknown): TPageInfo | null {
  if (!json || typeof json !== "object") return null;
  const p = json as Record<string, unknown>;
  return typeof p.url === "string" ? { url: p.url, title: typeof p.title === "string" ? p.title : "", referrer: typeof p.referrer === "string" ? p.referrer : "" } : null;
}

type THandoffReason = TQueueItem["handoffReason"];
const REASONS = new Set(["visitor_request", "keyword", "unsure", "invitation"]);
export const readHandoffReason = (value: string | null): THandoffReason => (value && REASONS.has(value) ? (value as THandoffReason) : null);

/** Every waiting and assigned conversation of the workspace, longest waiting first. */
export async function listQueue(workspaceId: string): Promise<TQueueItem[]> {
  const rows = await db().conversation.findMany({
    where: { workspaceId, status: { in: ["queued", "assigned"] } },
    orderBy: [{ queuedAt: "asc" }, { createdAt: "asc" }],
    take: QUEUE_MAX,
    select: {
      id: true, status: true, botId: true, handoffReason: true, queuedAt: true, assignedAt: true, assignedUserId: true, offeredToUserId: true,
      bot: { select: { name: true } },
      department: { select: { id: true, name: true } },
      visitorSession: { select: { name: true, email: true, locale: true, lastPage: true } },
      messages: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { role: true, text: true, createdAt: true } },
    },
  });
  const names = await operatorIdentities(workspaceId, rows.map((r) => r.assignedUserId).filter((id): id is string => Boolean(id)));
  return rows.map((r) => {
    const last = r.messages[0];
    const assigned = r.assignedUserId ? names.get(r.assignedUserId) : undefined;
    return {
      id: r.id,
      status: r.status as TQueueItem["status"],
      botId: r.botId,
      botName: r.bot.name,
      visitor: { name: r.visitorSession.name, email: r.visitorSession.email, locale: r.visitorSession.locale, page: readPage(r.visitorSession.lastPage) },
      department: r.department,
      assignedTo: r.assignedUserId ? { userId: r.assignedUserId, name: assigned?.name ?? "?" } : null,
      offeredTo: r.offeredToUserId,
      handoffReason: readHandoffReason(r.handoffReason),
      queuedAt: r.queuedAt?.toISOString() ?? null,
      assignedAt: r.assignedAt?.toISOString() ?? null,
      lastMessage: last ? { role: last.role, text: last.text.slice(0, 200), at: last.createdAt.toISOString() } : null,
    };
  });
}

/** One queue item (the offer event), or null when the conversation is not waiting or assigned. */
export async function queueItem(workspaceId: string, conversationId: string): Promise<TQueueItem | null> {
  return (await listQueue(workspaceId)).find((item) => item.id === conversationId) ?? null;
}
