/**
 * A comparable description of a database schema: one line per object, so two catalogs
 * can be compared as sets and every difference reads as a sentence. Covers what Prisma
 * and hand-written migrations create: extensions, enums, tables, columns (type,
 * nullability, default, identity, generated), constraints, indexes, views, triggers,
 * functions and sequences in the public schema. Objects that belong to an extension
 * (pgvector's types and functions) are described by the extension line alone.
 */
export type TQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export type TCatalogIgnore = { extensions?: string[]; tables?: string[]; objects?: RegExp[] };

const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

const QUERIES: Record<string, string> = {
  extension: `SELECT extname AS name, '' AS detail FROM pg_extension`,
  enum: `
    SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS detail
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND ${NOT_EXTENSION_MEMBER("pg_type", "t.oid")}
    GROUP BY t.typname`,
  table: `
    SELECT c.relname AS name, c.relkind::text AS detail
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${NOT_EXTENSION_MEMBER("pg_class", "c.oid")}`,
  column: `
    SELECT c.relname || '.' || a.attname AS name,
           format_type(a.atttypid, a.atttypmod)
             || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
             || COALESCE(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), '')
             || CASE WHEN a.attidentity <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END
             || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END
             || COALESCE(' COLLATE ' || NULLIF(co.collname, 'default'), '') AS detail
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
      AND ${NOT_EXTENSION_MEMBER("pg_class", "c.oid")}`,
  constraint: `
    SELECT c.relname || '.' || con.conname AS name, pg_get_constraintdef(con.oid, true) AS detail
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    -- NOT NULL constraints (PostgreSQL 18 lists them here) are covered by the column lines.
    WHERE n.nspname = 'public' AND con.contype <> 'n' AND ${NOT_EXTENSION_MEMBER("pg_class", "c.oid")}`,
  index: `
    SELECT tablename || '.' || indexname AS name, indexdef AS detail FROM pg_indexes WHERE schemaname = 'public'`,
  view: `
    SELECT viewname AS name, definition AS detail FROM pg_views WHERE schemaname = 'public'`,
  trigger: `
    SELECT c.relname || '.' || t.tgname AS name, pg_get_triggerdef(t.oid, true) AS detail
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  function: `
    SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, md5(pg_get_functiondef(p.oid)) AS detail
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p') AND ${NOT_EXTENSION_MEMBER("pg_proc", "p.oid")}`,
  sequence: `
    SELECT c.relname AS name, '' AS detail
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${NOT_EXTENSION_MEMBER("pg_class", "c.oid")}`,
};

/** The catalog as sorted lines: `<kind> <name>: <detail>`. */
export async function readCatalog(query: TQuery, ignore: TCatalogIgnore = {}): Promise<string[]> {
  const ignoredTables = new Set(ignore.tables ?? []);
  const ignoredExtensions = new Set(ignore.extensions ?? []);
  const lines: string[] = [];
  for (const [kind, sql] of Object.entries(QUERIES)) {
    for (const row of await query(sql)) {
      const name = String(row.name);
      if (kind === "extension" && ignoredExtensions.has(name)) continue;
      const table = name.split(".")[0]!;
      if (["table", "column", "constraint", "index", "trigger", "sequence"].includes(kind) && ignoredTables.has(table)) continue;
      const line = `${kind} ${name}: ${String(row.detail ?? "")}`;
      if (ignore.objects?.some((pattern) => pattern.test(line))) continue;
      lines.push(line);
    }
  }
  return lines.sort();
}

/** Differences as readable lines; empty when the catalogs agree. */
export function diffCatalogs(left: { label: string; lines: string[] }, right: { label: string; lines: string[] }): string[] {
  const l = new Set(left.lines);
  const r = new Set(right.lines);
  return [
    ...left.lines.filter((x) => !r.has(x)).map((x) => `only in ${left.label}: ${x}`),
    ...right.lines.filter((x) => !l.has(x)).map((x) => `only in ${right.label}: ${x}`),
  ];
}
