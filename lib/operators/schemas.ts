import { z } from "zod";

export const ZOperatorProfileInput = z.object({
  userId: z.string().trim().min(1).max(64),
  displayName: z
    .string()
    .trim()
    .max(60, "At most 60 characters")
    .nullish()
    .transform((v) => (v ? v : null)),
  /** Appended to transcript emails of this operator's chats, not to every message. */
  signature: z
    .string()
    .trim()
    .max(500, "At most 500 characters")
    .nullish()
    .transform((v) => (v ? v : null)),
  maxChats: z.coerce.number().int().min(1, "At least 1 chat").max(50, "At most 50 chats"),
  sendTranscripts: z.boolean(),
});
export type TOperatorProfileInput = z.input<typeof ZOperatorProfileInput>;

export const ZOperatorDepartmentsInput = z.object({
  userId: z.string().trim().min(1).max(64),
  departmentIds: z.array(z.string().min(1).max(64)).max(200),
});
export type TOperatorDepartmentsInput = z.input<typeof ZOperatorDepartmentsInput>;
