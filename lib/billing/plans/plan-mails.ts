import type { TLocale } from "../../i18n/locale";
import { formatEuros, PLAN_NAMES, type TPeriodQuote, type TPlanId } from "../../plans/plans";
import type { TBillingMailCopy } from "../notify-billing-contacts";

/** Dates in billing emails: a day in the app's time zone (the dashboard's as well). */
export function formatBillingDate(date: Date, locale: TLocale): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(date);
}

/** "Team, 3 Monate, 2 zusätzliche Sitze, Branding entfernt" */
export function describePeriod(quote: TPeriodQuote, locale: TLocale): string {
  const parts = [PLAN_NAMES[quote.plan]];
  if (locale === "de") {
    parts.push(quote.months === 1 ? "1 Monat" : `${quote.months} Monate`);
    if (quote.extraSeats) parts.push(quote.extraSeats === 1 ? "1 zusätzlicher Sitz" : `${quote.extraSeats} zusätzliche Sitze`);
    if (quote.brandingAddon) parts.push("ohne „Powered by Chatwerk“");
  } else {
    parts.push(quote.months === 1 ? "1 month" : `${quote.months} months`);
    if (quote.extraSeats) parts.push(quote.extraSeats === 1 ? "1 extra seat" : `${quote.extraSeats} extra seats`);
    if (quote.brandingAddon) parts.push("without “Powered by Chatwerk”");
  }
  return parts.join(", ");
}

const keepsEverything = (locale: TLocale) =>
  locale === "de"
    ? "Bots, Mitglieder, Wissensquellen und Einstellungen bleiben erhalten. Über die Grenzen des Free-Plans hinaus können Sie erst wieder neue Bots anlegen oder Mitglieder einladen, wenn Sie einen bezahlten Plan buchen – das geht jederzeit auf der Abrechnungsseite."
    : "Bots, members, knowledge sources and settings all stay. Beyond the Free plan's limits you can add new bots or invite members again once you book a paid plan, which you can do at any time on the billing page.";

/** Sent once per period, BILLING_REMINDER_DAYS before the automatic renewal. */
export function renewalReminderMail(input: { workspaceName: string; at: Date; quote: TPeriodQuote; balanceCents: number }) {
  const { quote, balanceCents } = input;
  const shortfall = quote.totalCents - balanceCents;
  return (locale: TLocale): TBillingMailCopy => {
    const date = formatBillingDate(input.at, locale);
    const amount = formatEuros(quote.totalCents, locale);
    const balance = formatEuros(balanceCents, locale);
    return locale === "de"
      ? {
          subject: `Ihr Chatwerk-Plan wird am ${date} verlängert`,
          paragraphs: [
            `Am ${date} verlängern wir den Plan Ihres Workspaces „${input.workspaceName}“ (${describePeriod(quote, locale)}) und buchen dafür ${amount} von Ihrem Guthaben ab.`,
            shortfall > 0
              ? `Ihr Guthaben beträgt derzeit ${balance} und reicht dafür nicht aus. Bitte laden Sie bis dahin mindestens ${formatEuros(shortfall, locale)} auf, damit Ihr Plan ohne Unterbrechung weiterläuft.`
              : `Ihr Guthaben beträgt derzeit ${balance} und reicht für die Verlängerung aus. Sie müssen nichts weiter tun.`,
            "Wenn Sie den Plan, die Laufzeit oder die Zusatzoptionen ändern oder die automatische Verlängerung abschalten möchten, können Sie das bis dahin auf der Abrechnungsseite tun.",
          ],
          linkLabel: shortfall > 0 ? "Guthaben aufladen" : "Abrechnung öffnen",
        }
      : {
          subject: `Your Chatwerk plan renews on ${date}`,
          paragraphs: [
            `On ${date} we renew the plan of your workspace “${input.workspaceName}” (${describePeriod(quote, locale)}) and take ${amount} from your balance.`,
            shortfall > 0
              ? `Your balance is ${balance} right now, which is not enough. Please top up at least ${formatEuros(shortfall, locale)} before then so your plan continues without a break.`
              : `Your balance is ${balance} right now, which covers the renewal. There is nothing else you need to do.`,
            "To change the plan, the period or the add-ons, or to turn off automatic renewal, visit the billing page before then.",
          ],
          linkLabel: shortfall > 0 ? "Top up balance" : "Open billing",
        };
  };
}

/** Sent once when a renewal could not be paid and the grace period begins. */
export function graceStartedMail(input: { workspaceName: string; graceUntil: Date; quote: TPeriodQuote; balanceCents: number }) {
  return (locale: TLocale): TBillingMailCopy => {
    const until = formatBillingDate(input.graceUntil, locale);
    const amount = formatEuros(input.quote.totalCents, locale);
    const balance = formatEuros(input.balanceCents, locale);
    return locale === "de"
      ? {
          subject: "Ihr Chatwerk-Plan konnte nicht verlängert werden",
          paragraphs: [
            `Für die Verlängerung des Plans Ihres Workspaces „${input.workspaceName}“ (${describePeriod(input.quote, locale)}) sind ${amount} fällig, Ihr Guthaben beträgt aber nur ${balance}.`,
            `Ihr Plan bleibt bis zum ${until} nutzbar. Sobald Ihr Guthaben reicht, verlängern wir ihn automatisch. Reicht es bis dahin nicht, wechselt der Workspace in den Free-Plan.`,
          ],
          linkLabel: "Guthaben aufladen",
        }
      : {
          subject: "Your Chatwerk plan could not be renewed",
          paragraphs: [
            `Renewing the plan of your workspace “${input.workspaceName}” (${describePeriod(input.quote, locale)}) costs ${amount}, but your balance is only ${balance}.`,
            `Your plan stays usable until ${until}. As soon as your balance covers it, we renew it automatically. If it does not by then, the workspace moves to the Free plan.`,
          ],
          linkLabel: "Top up balance",
        };
  };
}

/** Sent when the grace period ended unpaid, or a plan without auto-renewal ran out. */
export function backToFreeMail(input: { workspaceName: string; plan: TPlanId; reason: "unpaid" | "not_renewed" }) {
  return (locale: TLocale): TBillingMailCopy => {
    const plan = PLAN_NAMES[input.plan];
    if (locale === "de") {
      return {
        subject: `Ihr Workspace „${input.workspaceName}“ nutzt jetzt den Free-Plan`,
        paragraphs: [
          input.reason === "unpaid"
            ? `Die Verlängerung Ihres Plans ${plan} konnte bis zum Ende der Nachfrist nicht aus dem Guthaben bezahlt werden. Der Workspace nutzt deshalb ab sofort den Free-Plan, und gebuchte Zusatzoptionen sind beendet.`
            : `Wie von Ihnen eingestellt, wurde Ihr Plan ${plan} zum Ende der Laufzeit nicht verlängert. Der Workspace nutzt ab sofort den Free-Plan; abgebucht wurde nichts.`,
          keepsEverything(locale),
        ],
        linkLabel: "Plan wählen",
      };
    }
    return {
      subject: `Your workspace “${input.workspaceName}” is now on the Free plan`,
      paragraphs: [
        input.reason === "unpaid"
          ? `The renewal of your ${plan} plan could not be paid from the balance before the grace period ended. The workspace is therefore on the Free plan from now on, and its add-ons have ended.`
          : `As you chose, your ${plan} plan was not renewed at the end of its period. The workspace is on the Free plan from now on; nothing was charged.`,
        keepsEverything(locale),
      ],
      linkLabel: "Choose a plan",
    };
  };
}
