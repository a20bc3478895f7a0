/**
 * Reads a leading `---` … `---` block of `key: value` lines (the subset of YAML that
 * help-centre exports use: title, url, lang). Returns the fields and the body after it;
 * text without front matter comes back unchanged with no fields.
 */
export function readFrontMatter(markdown: string): { fields: Record<string, string>; body: string } {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(markdown);
  if (!match) return { fields: {}, body: markdown };
  const fields: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (field) fields[field[1]!.toLowerCase()] = unquote(field[2]!.trim());
  }
  return { fields, body: markdown.slice(match[0].length) };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}
