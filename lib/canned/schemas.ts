import { z } from "zod";

export const CANNED_SCOPES = ["workspace", "department", "operator"] as const;
export type TCannedScope = (typeof CANNED_SCOPES)[number];

export const ZCannedShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^\//, ""))
  .pipe(z.string().regex(/^[a-z0-9-]{1,30}$/, "1–30 lowercase letters, digits or hyphens"));

const ZCannedFields = z.object({
  shortcut: ZCannedShortcut,
  title: z.string().trim().min(1, "Enter a title").max(100, "At most 100 characters"),
  text: z.string().trim().min(1, "Enter the text").max(2000, "At most 2000 characters"),
});

export const ZCannedResponseInput = z.discriminatedUnion("scope", [
  ZCannedFields.extend({ scope: z.literal("workspace") }),
  ZCannedFields.extend({ scope: z.literal("department"), departmentId: z.string().trim().min(1, "Choose a department").max(64) }),
  ZCannedFields.extend({ scope: z.literal("operator") }),
]);
export type TCannedResponseInput = z.input<typeof ZCannedResponseInput>;

export const ZCannedResponseUpdate = ZCannedFields.extend({ cannedResponseId: z.string().trim().min(1).max(64) });
export type TCannedResponseUpdate = z.input<typeof ZCannedResponseUpdate>;

export type TCannedResponse = {
  id: string;
  scope: TCannedScope;
  departmentId: string | null;
  departmentName: string | null;
  ownerUserId: string | null;
  shortcut: string;
  title: string;
  text: string;
  updatedAt: Date;
};
