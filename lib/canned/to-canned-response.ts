import type { TCannedResponse, TCannedScope } from "./schemas";

export const CANNED_SELECT = {
  id: true,
  scope: true,
  departmentId: true,
  ownerUserId: true,
  shortcut: true,
  title: true,
  text: true,
  updatedAt: true,
  department: { select: { name: true } },
} as const;

type TRow = {
  id: string;
  scope: string;
  departmentId: string | null;
  ownerUserId: string | null;
  shortcut: string;
  title: string;
  text: string;
  updatedAt: Date;
  department: { name: string } | null;
};

export function toCannedResponse(row: TRow): TCannedResponse {
  return {
    id: row.id,
    scope: row.scope as TCannedScope,
    departmentId: row.departmentId,
    departmentName: row.department?.name ?? null,
    ownerUserId: row.ownerUserId,
    shortcut: row.shortcut,
    title: row.title,
    text: row.text,
    updatedAt: row.updatedAt,
  };
}

/** Case-insensitive match on shortcut, title or text. */
export function cannedSearchWhere(query: string | undefined) {
  const q = query?.trim().replace(/^\//, "");
  if (!q) return {};
  return {
    OR: [
      { shortcut: { contains: q, mode: "insensitive" as const } },
      { title: { contains: q, mode: "insensitive" as const } },
      { text: { contains: q, mode: "insensitive" as const } },
    ],
  };
}
