import type { TLocale } from "../i18n/locale";
import type { TMail } from "../mail/send-mail";

/**
 * A chat transcript as an email: plain text, plus an HTML part in which every piece of text
 * (visitor text above all) is escaped, so nothing a visitor typed can become markup.
 * Internal notes appear only in mails to members of the team.
 */
export type TTranscript = {
  workspaceName: string;
  botName: string;
  visitor: { name: string | null; email: string | null };
  department: string | null;
  operators: string[];
  startedAt: Date;
  closedAt: Date | null;
  tags: string[];
  rating: number | null;
  ratingComment: string | null;
  messages: { at: Date; role: "visitor" | "bot" | "operator" | "system"; author: string | null; text: string; internal: boolean }[];
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

const COPY = {
  de: {
    subject: (t: TTranscript) => `Chatprotokoll „${t.botName}“ – ${t.visitor.name || t.visitor.email || "Besucher"} (${stamp(t.startedAt).slice(0, 10)})`,
    intro: (t: TTranscript) => `Protokoll eines Live-Chats im Arbeitsbereich „${t.workspaceName}“.`,
    labels: { bot: "Bot", visitor: "Besucher", email: "E-Mail", department: "Abteilung", operators: "Mitarbeiter", started: "Beginn", closed: "Ende", tags: "Tags", rating: "Bewertung" },
    roles: { visitor: "Besucher", bot: "Bot", system: "System", operator: "Mitarbeiter" },
    note: "Interne Notiz",
    none: "–",
  },
  en: {
    subject: (t: TTranscript) => `Chat transcript "${t.botName}" – ${t.visitor.name || t.visitor.email || "visitor"} (${stamp(t.startedAt).slice(0, 10)})`,
    intro: (t: TTranscript) => `Transcript of a live chat in the workspace "${t.workspaceName}".`,
    labels: { bot: "Bot", visitor: "Visitor", email: "Email", department: "Department", operators: "Operators", started: "Started", closed: "Ended", tags: "Tags", rating: "Rating" },
    roles: { visitor: "Visitor", bot: "Bot", system: "System", operator: "Operator" },
    note: "Internal note",
    none: "–",
  },
} as const;

export function transcriptMail(to: string, transcript: TTranscript, options: { locale: TLocale; includeInternal: boolean }): TMail {
  const c = COPY[options.locale];
  const facts: [string, string][] = [
    [c.labels.bot, transcript.botName],
    [c.labels.visitor, transcript.visitor.name || c.none],
    [c.labels.email, transcript.visitor.email || c.none],
    [c.labels.department, transcript.department || c.none],
    [c.labels.operators, transcript.operators.join(", ") || c.none],
    [c.labels.started, stamp(transcript.startedAt)],
    [c.labels.closed, transcript.closedAt ? stamp(transcript.closedAt) : c.none],
    [c.labels.tags, transcript.tags.join(", ") || c.none],
    ...(transcript.rating ? [[c.labels.rating, `${transcript.rating}/5${transcript.ratingComment ? ` – ${transcript.ratingComment}` : ""}`] as [string, string]] : []),
  ];
  const lines = transcript.messages
    .filter((m) => options.includeInternal || !m.internal)
    .map((m) => ({ at: stamp(m.at).slice(11, 16), who: `${m.author || c.roles[m.role]}${m.internal ? ` (${c.note})` : ""}`, text: m.text, internal: m.internal }));
  const text = [
    c.intro(transcript),
    facts.map(([k, v]) => `${k}: ${v}`).join("\n"),
    lines.map((l) => `[${l.at}] ${l.who}: ${l.text}`).join("\n"),
  ].join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">
<p>${esc(c.intro(transcript))}</p>
<table style="border-collapse:collapse">${facts.map(([k, v]) => `<tr><td style="padding:2px 12px 2px 0;color:#64748b">${esc(k)}</td><td>${esc(v)}</td></tr>`).join("")}</table>
<hr style="border:none;border-top:1px solid #e2e8f0">
${lines
  .map(
    (l) =>
      `<p style="margin:6px 0${l.internal ? ";background:#fef9c3;padding:4px 8px" : ""}"><span style="color:#64748b">[${esc(l.at)}]</span> <strong>${esc(l.who)}</strong>: <span style="white-space:pre-wrap">${esc(l.text)}</span></p>`,
  )
  .join("\n")}
</body></html>`;
  return { to, subject: c.subject(transcript), text: `${text}\n`, html };
}
