/**
 * CSV files for spreadsheets (RFC 4180: comma, CRLF, quotes doubled), UTF-8 with a
 * byte-order mark so Excel detects the encoding. Cells may hold what visitors wrote, so a
 * cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV injection").
 * Used by the leads, ledger and conversation exports.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  let cell = value ?? "";
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(rows: (string | null | undefined)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
