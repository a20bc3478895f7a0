import type { TVisitorLanguage } from "./language";

/**
 * The few sentences the offline answerer says in its own voice. They avoid "du" and "Sie"
 * alike, because owners address their visitors either way.
 */
type TPhrases = {
  leadIn: string;
  unsureLeadIn: string;
  defaultFallback: string;
  offerHuman: string;
  offerMessage: string;
  greeting: string;
  thanks: string;
  goodbye: string;
};

const PHRASES: Record<TVisitorLanguage, TPhrases> = {
  de: {
    leadIn: "Das steht dazu in unserer Hilfe:",
    unsureLeadIn: "Ich bin nicht ganz sicher, ob das genau passt, aber hierzu habe ich etwas gefunden:",
    defaultFallback: "Dazu habe ich in unseren Unterlagen leider nichts gefunden.",
    offerHuman: "Soll ich jemanden aus unserem Team dazuholen?",
    offerMessage: "Gerade ist niemand aus unserem Team online – eine Nachricht an uns ist aber jederzeit möglich, wir melden uns dann per E-Mail.",
    greeting: "Hallo! Wobei kann ich helfen?",
    thanks: "Gern geschehen! Gibt es noch etwas, wobei ich helfen kann?",
    goodbye: "Danke für die Nachricht und einen schönen Tag!",
  },
  en: {
    leadIn: "Here's what our help pages say:",
    unsureLeadIn: "I'm not completely sure this answers your question, but here's what I found:",
    defaultFallback: "Sorry, I couldn't find anything about that in our documentation.",
    offerHuman: "Would you like me to bring in someone from our team?",
    offerMessage: "Nobody from our team is online right now, but you can leave us a message and we'll get back to you by email.",
    greeting: "Hi! What can I help you with?",
    thanks: "You're welcome! Is there anything else I can help with?",
    goodbye: "Thanks for stopping by, and have a nice day!",
  },
};

export function phrases(language: TVisitorLanguage): TPhrases {
  return PHRASES[language];
}

const GREETINGS = new Set(["hallo", "hi", "hey", "moin", "servus", "hello", "hiya", "gruss", "gott", "guten", "good", "tag", "morgen", "abend", "morning", "afternoon", "evening", "there", "zusammen", "leute", "all"]);
const THANKS = new Set(["danke", "dankeschon", "vielen", "dank", "thanks", "thank", "you", "thx", "much", "many", "super", "toll", "great", "perfekt", "perfect", "ok", "okay", "alles", "klar"]);
const GOODBYES = new Set(["tschuss", "ciao", "bye", "goodbye", "auf", "wiedersehen", "wiederhoren", "see", "ya", "later", "schonen", "tag", "noch"]);

export type TSmallTalk = "greeting" | "thanks" | "goodbye";

/**
 * Recognises a message that is only a greeting, a thank-you or a goodbye, which deserves a
 * friendly reply rather than "nothing found". Any other word makes it a real question.
 */
export function smallTalkKind(message: string): TSmallTalk | null {
  const words = message.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}+/gu, "").match(/\p{L}+/gu) ?? [];
  if (words.length === 0 || words.length > 6) return null;
  if (words.every((w) => THANKS.has(w)) && words.some((w) => w.startsWith("dank") || w.startsWith("thank") || w === "thx")) return "thanks";
  if (words.every((w) => GOODBYES.has(w))) return "goodbye";
  if (words.every((w) => GREETINGS.has(w))) return "greeting";
  return null;
}
