import { z } from "zod";
import { withWorkspace } from "@/lib/auth/next/with-workspace";
import { CONVERSATION_FILTER_KEYS, EXPORT_FORMATS, exportConversations } from "@/lib/conversations/conversations";

export const dynamic = "force-dynamic";

const ZExportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default("csv"), id: z.string().min(1).max(64).optional() });

/**
 * Transcript download, JSON or CSV: one conversation (`id`) or those the list's filters
 * select. Session + admin role, like the leads export.
 */
export const GET = withWorkspace(
  async (req, { ws }) => {
    const params = new URL(req.url).searchParams;
    const query = ZExportQuery.parse({ format: params.get("format") ?? undefined, id: params.get("id") ?? undefined });
    const filters = Object.fromEntries(CONVERSATION_FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]));
    const file = await exportConversations(ws, { format: query.format, conversationId: query.id, filters });
    const name = query.id ? `conversation-${query.id}` : `conversations-${new Date().toISOString().slice(0, 10)}`;
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${name}.${file.extension}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { roles: ["admin"] },
);
