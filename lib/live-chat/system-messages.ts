import type { TransactionClient } from "../db/transaction";

/**
 * What the visitor reads when the conversation changes hands, in the visitor's language
 * (German, polite "Sie", unless the conversation is English). Stored as `system` messages,
 * so the transcript and a reconnecting frame show them too.
 */
export type TVisitorLanguage = "de" | "en";

export function visitorLanguage(language: string | null | undefined): TVisitorLanguage {
  return language?.toLowerCase().startsWith("en") ? "en" : "de";
}

export const SYSTEM_TEXTS = {
  de: {
    queued: "Einen Moment bitte – wir verbinden Sie mit einem Mitarbeiter.",
    assigned: (name: string) => `Sie sind jetzt mit ${name} verbunden.`,
    transferredToOperator: (name: string) => `Ihr Gespräch wird jetzt von ${name} weitergeführt.`,
    transferredToDepartment: (department: string) => `Wir leiten Ihr Gespräch an ${department} weiter – einen Moment bitte.`,
    backToBot: "Leider ist gerade niemand aus unserem Team frei. Der Assistent hilft Ihnen gerne weiter – oder hinterlassen Sie uns eine Nachricht, dann melden wir uns bei Ihnen.",
    reassigned: "Ihr Ansprechpartner ist gerade nicht mehr erreichbar. Wir verbinden Sie mit einem anderen Mitarbeiter – einen Moment bitte.",
    closedByOperator: (name: string) => `${name} hat das Gespräch beendet. Vielen Dank für Ihre Nachricht!`,
    offline: "Gerade ist niemand aus unserem Team erreichbar. Hinterlassen Sie uns eine Nachricht – wir melden uns so bald wie möglich bei Ihnen.",
  },
  en: {
    queued: "One moment please – we are connecting you with a member of our team.",
    assigned: (name: string) => `You are now connected with ${name}.`,
    transferredToOperator: (name: string) => `${name} is now taking over your conversation.`,
    transferredToDepartment: (department: string) => `We are passing your conversation on to ${department} – one moment please.`,
    backToBot: "Unfortunately nobody from our team is free right now. The assistant is happy to keep helping – or leave us a message and we will get back to you.",
    reassigned: "Your contact is no longer available. We are connecting you with another member of our team – one moment please.",
    closedByOperator: (name: string) => `${name} has ended the conversation. Thank you for getting in touch!`,
    offline: "Nobody from our team is available right now. Leave us a message and we will get back to you as soon as possible.",
  },
} as const;

export const MESSAGE_SELECT = {
  id: true, conversationId: true, clientMessageId: true, role: true, text: true, createdAt: true, status: true, citations: true, authorUserId: true, internal: true,
} as const;

/** Writes a system message inside the caller's transaction (counters included). */
export async function addSystemMessage(tx: TransactionClient, conversation: { id: string; workspaceId: string }, text: string) {
  const message = await tx.message.create({ data: { workspaceId: conversation.workspaceId, conversationId: conversation.id, role: "system", text }, select: MESSAGE_SELECT });
  await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: message.createdAt, messageCount: { increment: 1 } } });
  return message;
}
