import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";
import { readBusinessHours, type TBusinessHours } from "./business-hours";
import type { TDepartmentAssignment } from "./schemas";

export type TDepartmentSummary = {
  id: string;
  name: string;
  description: string | null;
  assignment: TDepartmentAssignment;
  businessHours: TBusinessHours | null;
  offlineMessage: string | null;
  sendTranscripts: boolean;
  transcriptEmails: string[];
  /** Members of the department (operator profiles, by user). */
  operators: { userId: string; name: string }[];
  createdAt: Date;
};

const SELECT = {
  id: true,
  name: true,
  description: true,
  assignment: true,
  businessHours: true,
  offlineMessage: true,
  sendTranscripts: true,
  transcriptEmails: true,
  createdAt: true,
  operators: { select: { operator: { select: { userId: true, displayName: true, user: { select: { name: true, email: true } } } } } },
} as const;

type TRow = {
  id: string;
  name: string;
  description: string | null;
  assignment: string;
  businessHours: unknown;
  offlineMessage: string | null;
  sendTranscripts: boolean;
  transcriptEmails: string[];
  createdAt: Date;
  operators: { operator: { userId: string; displayName: string | null; user: { name: string | null; email: string } } }[];
};

export function toDepartmentSummary(row: TRow): TDepartmentSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    assignment: row.assignment === "round_robin" ? "round_robin" : "least_busy",
    businessHours: readBusinessHours(row.businessHours),
    offlineMessage: row.offlineMessage,
    sendTranscripts: row.sendTranscripts,
    transcriptEmails: row.transcriptEmails,
    operators: row.operators
      .map(({ operator }) => ({ userId: operator.userId, name: operator.displayName || operator.user.name || operator.user.email }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: row.createdAt,
  };
}

/** Every department of the workspace, by name (any member may read them). */
export async function listDepartments(ctx: Pick<TWorkspaceContext, "workspaceId">): Promise<TDepartmentSummary[]> {
  const rows = await db().department.findMany({ where: { workspaceId: ctx.workspaceId }, select: SELECT, orderBy: { name: "asc" } });
  return rows.map(toDepartmentSummary);
}

export const DEPARTMENT_SELECT = SELECT;
