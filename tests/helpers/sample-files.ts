import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import PDFDocument from "pdfkit";

/** Sample files built at test time (no binaries in the repository). */

export type TPdfPage = { heading?: string; paragraphs: string[]; subheading?: string; bullets?: string[] };

export function makePdf(pages: TPdfPage[], opts: { title?: string; userPassword?: string; header?: string; footer?: boolean } = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info: opts.title ? { Title: opts.title } : {}, ...(opts.userPassword ? { userPassword: opts.userPassword } : {}) });
    const parts: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => parts.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(parts))));
    doc.on("error", reject);
    pages.forEach((page, index) => {
      if (index > 0) doc.addPage();
      if (opts.header) doc.fontSize(9).text(opts.header, 72, 30, { lineBreak: false });
      doc.x = 72;
      doc.y = 80;
      if (page.heading) doc.fontSize(20).text(page.heading).moveDown(0.5);
      for (const [i, text] of page.paragraphs.entries()) {
        if (i === 1 && page.subheading) doc.fontSize(15).text(page.subheading).moveDown(0.5);
        doc.fontSize(11).text(text).moveDown();
      }
      if (page.bullets) for (const item of page.bullets) doc.fontSize(11).text(`• ${item}`);
      if (opts.footer) doc.fontSize(9).text(`Seite ${index + 1} von ${pages.length}`, 72, 740, { lineBreak: false });
    });
    doc.end();
  });
}

export async function makeDocx(): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Mitarbeiterhandbuch", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun("Willkommen bei ACME. Dieses Handbuch erklärt die wichtigsten Abläufe für neue Kolleginnen und Kollegen.")] }),
          new Paragraph({ text: "Urlaub", heading: HeadingLevel.HEADING_2 }),
          new Paragraph("Urlaub beantragst du mindestens zwei Wochen im Voraus im Personalportal."),
          new Paragraph({ text: "Formular im Portal öffnen", bullet: { level: 0 } }),
          new Paragraph({ text: "Zeitraum eintragen", bullet: { level: 0 } }),
          new Paragraph({ text: "Antrag absenden", bullet: { level: 0 } }),
          new Paragraph({ text: "Arbeitszeiten", heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              new TableRow({ children: [cell("Tag"), cell("Beginn"), cell("Ende")] }),
              new TableRow({ children: [cell("Montag"), cell("8:00"), cell("17:00")] }),
              new TableRow({ children: [cell("Freitag"), cell("8:00"), cell("14:00")] }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const bytesOf = (text: string) => new TextEncoder().encode(text);
