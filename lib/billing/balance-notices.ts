import { db } from "../db/client";
import { formatEuros } from "../plans/plans";
import { getBalance } from "./get-balance";
import { lowBalanceThresholds } from "./low-balance-thresholds";
import { notifyBillingContacts } from "./notify-billing-contacts";

/**
 * Low-balance emails, once per threshold crossing: when the balance falls below a threshold
 * not yet announced, the owners hear about it once; when it rises above again (a top-up), the
 * threshold is armed again. Call after any committed change of the balance.
 */
export async function noteBalanceChange(workspaceId: string, change: "credit" | "debit"): Promise<void> {
  const profile = await db().billingProfile.findUnique({
    where: { workspaceId },
    select: { lowBalanceThresholds: true, lowBalanceNotifiedCents: true, exhaustedNotifiedAt: true },
  });
  const thresholds = lowBalanceThresholds(profile?.lowBalanceThresholds);
  const { balanceCents } = await getBalance(workspaceId);
  const crossed = thresholds.filter((t) => balanceCents < t);
  const lowest = crossed.length ? Math.min(...crossed) : null;
  const notified = profile?.lowBalanceNotifiedCents ?? null;
  const clearExhausted = change === "credit" && balanceCents > 0 && profile?.exhaustedNotifiedAt != null;

  const announce = lowest !== null && (notified === null || lowest < notified);
  const rearm = lowest !== notified && !announce;
  if (!announce && !rearm && !clearExhausted) return;

  // Only the caller that moves the marker sends the email (two debits racing past a
  // threshold announce it once).
  await ensureProfile(workspaceId);
  const claimed = await db().billingProfile.updateMany({
    where: { workspaceId, lowBalanceNotifiedCents: notified },
    data: { lowBalanceNotifiedCents: lowest, ...(clearExhausted ? { exhaustedNotifiedAt: null } : {}) },
  });
  if (!announce || claimed.count === 0) return;
  const threshold = lowest!;
  await notifyBillingContacts(workspaceId, (locale) =>
    locale === "de"
      ? {
          subject: `Ihr Chatwerk-Guthaben liegt unter ${formatEuros(threshold, "de")}`,
          paragraphs: [
            `Ihr Guthaben beträgt noch ${formatEuros(balanceCents, "de")} und liegt damit unter der Schwelle von ${formatEuros(threshold, "de")}, die Sie für Hinweise eingestellt haben.`,
            "Wenn das Guthaben nicht mehr reicht, antworten Ihre Bots mit dem eingebauten Offline-Modus statt mit dem gewählten KI-Modell, und fällige Tarifzeiträume können nicht verlängert werden. Laden Sie rechtzeitig auf, um das zu vermeiden.",
          ],
          linkLabel: "Guthaben aufladen",
        }
      : {
          subject: `Your Chatwerk balance is below ${formatEuros(threshold, "en")}`,
          paragraphs: [
            `Your balance is now ${formatEuros(balanceCents, "en")}, below the ${formatEuros(threshold, "en")} threshold you chose for notices.`,
            "When the balance runs out, your bots answer with the built-in offline mode instead of the chosen AI model, and plan periods that fall due cannot be renewed. Top up in time to avoid this.",
          ],
          linkLabel: "Top up balance",
        },
  );
}

/**
 * An answer could not be paid and fell back to the offline provider: the owners are told
 * once, until a credit arrives (noteBalanceChange "credit" re-arms it).
 */
export async function noteBalanceExhausted(workspaceId: string): Promise<void> {
  await ensureProfile(workspaceId);
  const claimed = await db().billingProfile.updateMany({ where: { workspaceId, exhaustedNotifiedAt: null }, data: { exhaustedNotifiedAt: new Date() } });
  if (claimed.count === 0) return;
  await notifyBillingContacts(workspaceId, (locale) =>
    locale === "de"
      ? {
          subject: "Ihr Chatwerk-Guthaben reicht nicht mehr für KI-Antworten",
          paragraphs: [
            "Ein Besucher hat gerade eine Frage gestellt, deren Antwort mit dem gewählten KI-Modell Ihr Guthaben überstiegen hätte. Ihr Bot hat stattdessen mit dem eingebauten Offline-Modus geantwortet, der Passagen aus Ihrer Wissensdatenbank zitiert.",
            "Sobald Sie Guthaben aufladen, antwortet der Bot wieder mit dem gewählten Modell. Diese E-Mail kommt erst nach der nächsten Aufladung wieder.",
          ],
          linkLabel: "Guthaben aufladen",
        }
      : {
          subject: "Your Chatwerk balance no longer covers AI answers",
          paragraphs: [
            "A visitor just asked a question whose answer with the chosen AI model would have exceeded your balance. Your bot answered with the built-in offline mode instead, quoting passages from your knowledge base.",
            "Once you top up, the bot answers with the chosen model again. You will not get this email again until after the next top-up.",
          ],
          linkLabel: "Top up balance",
        },
  );
}

/** The notice markers live on the billing profile: create it (empty) when there is none yet. */
async function ensureProfile(workspaceId: string): Promise<void> {
  await db().billingProfile.upsert({ where: { workspaceId }, create: { workspaceId }, update: {}, select: { workspaceId: true } });
}
