import { db } from "../db/client";
import { isLocale } from "../i18n/locale";
import { log } from "../log/logger";
import { sendMail } from "../mail/send-mail";
import { readLiveChatSettings } from "./settings";
import { operatorIdentities } from "./operator-identity";
import { transcriptMail, type TTranscript } from "./transcript-mail";

/**
 * Transcripts of a closed live chat (one an operator took part in), at three levels, each
 * switched on separately: the workspace (settings.transcripts), the department
 * (sendTranscripts + transcriptEmails) and every operator who handled it
 * (OperatorProfile.sendTranscripts, to their account's email). Each address gets one mail,
 * and a conversation is mailed at most once: `transcriptSentAt` is claimed before sending
 * (so a second close, another node or a retry sends nothing; a failed delivery is logged,
 * not repeated). Internal notes go only to addresses of workspace members.
 */
export async function sendTranscripts(workspaceId: string, conversationId: string): Promise<{ sentTo: string[] }> {
  const claimed = await db().conversation.updateMany({
    where: { id: conversationId, workspaceId, status: "closed", transcriptSentAt: null, assignedAt: { not: null } },
    data: { transcriptSentAt: new Date() },
  });
  if (!claimed.count) return { sentTo: [] };

  const c = await db().conversation.findFirstOrThrow({
    where: { id: conversationId, workspaceId },
    select: {
      createdAt: true, closedAt: true, tags: true, rating: true, ratingComment: true, assignedUserId: true,
      workspace: { select: { name: true, liveChatSettings: true, memberships: { select: { user: { select: { email: true, locale: true } } } } } },
      bot: { select: { name: true } },
      department: { select: { name: true, sendTranscripts: true, transcriptEmails: true } },
      visitorSession: { select: { name: true, email: true } },
      messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 2000, select: { createdAt: true, role: true, text: true, internal: true, authorUserId: true } },
    },
  });
  const operatorIds = [...new Set([c.assignedUserId, ...c.messages.map((m) => m.authorUserId)].filter((id): id is string => Boolean(id)))];
  const names = await operatorIdentities(workspaceId, operatorIds);
  const handlers = await db().operatorProfile.findMany({ where: { workspaceId, userId: { in: operatorIds }, sendTranscripts: true }, select: { user: { select: { email: true } } } });

  const settings = readLiveChatSettings(c.workspace.liveChatSettings);
  const recipients = new Set<string>();
  const add = (email: string | null | undefined) => {
    const normalized = email?.trim().toLowerCase();
    if (normalized) recipients.add(normalized);
  };
  if (settings.transcripts.enabled) settings.transcripts.emails.forEach(add);
  if (c.department?.sendTranscripts) c.department.transcriptEmails.forEach(add);
  handlers.forEach((h) => add(h.user.email));
  if (!recipients.size) return { sentTo: [] };

  const members = new Map(c.workspace.memberships.map((m) => [m.user.email.toLowerCase(), m.user.locale]));
  const transcript: TTranscript = {
    workspaceName: c.workspace.name,
    botName: c.bot.name,
    visitor: c.visitorSession,
    department: c.department?.name ?? null,
    operators: operatorIds.map((id) => names.get(id)?.name).filter((n): n is string => Boolean(n)),
    startedAt: c.createdAt,
    closedAt: c.closedAt,
    tags: c.tags,
    rating: c.rating,
    ratingComment: c.ratingComment,
    messages: c.messages.map((m) => ({ at: m.createdAt, role: m.role, author: m.authorUserId ? (names.get(m.authorUserId)?.name ?? null) : null, text: m.text, internal: m.internal })),
  };
  const sentTo: string[] = [];
  for (const to of recipients) {
    const memberLocale = members.get(to);
    const mail = transcriptMail(to, transcript, { locale: isLocale(memberLocale) ? memberLocale : "de", includeInternal: members.has(to) });
    try {
      await sendMail(mail);
      sentTo.push(to);
    } catch (error) {
      log.error("Transcript mail failed", { conversationId, error: String(error).slice(0, 300) });
    }
  }
  return { sentTo };
}

const g = globalThis as unknown as { __chatwerkTranscriptMails?: Set<Promise<void>> };
const pending = () => (g.__chatwerkTranscriptMails ??= new Set());

/** Sends in the background: closing a chat never waits for a mail server. */
export function queueTranscripts(workspaceId: string, conversationId: string): void {
  const job = sendTranscripts(workspaceId, conversationId)
    .then(() => undefined)
    .catch((error: unknown) => log.error("Transcripts failed", { conversationId, error: String(error).slice(0, 300) }))
    .finally(() => pending().delete(job));
  pending().add(job);
}

/** Waits for queued transcript mails (graceful shutdown, tests). */
export async function drainTranscripts(): Promise<void> {
  while (pending().size > 0) await Promise.all([...pending()]);
}
