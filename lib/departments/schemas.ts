import { z } from "zod";
import { ZEmail } from "../validation/common";
import { ZBusinessHours } from "./business-hours";

export const DEPARTMENT_ASSIGNMENTS = ["round_robin", "least_busy"] as const;
export type TDepartmentAssignment = (typeof DEPARTMENT_ASSIGNMENTS)[number];

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

export const ZDepartmentInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(60, "At most 60 characters"),
  description: optionalText(500, "At most 500 characters"),
  assignment: z.enum(DEPARTMENT_ASSIGNMENTS).default("least_busy"),
  /** null = always open. */
  businessHours: ZBusinessHours.nullable().default(null),
  offlineMessage: optionalText(1000, "At most 1000 characters"),
  sendTranscripts: z.boolean().default(false),
  transcriptEmails: z
    .array(ZEmail)
    .max(10, "At most 10 addresses")
    .default([])
    .transform((list) => [...new Set(list)]),
  /** Members of the department by user id; left out = unchanged (on update). */
  operatorUserIds: z.array(z.string().min(1).max(64)).max(500).optional(),
});
export type TDepartmentInput = z.input<typeof ZDepartmentInput>;

export const ZDepartmentId = z.string().trim().min(1, "Department not found").max(64);
