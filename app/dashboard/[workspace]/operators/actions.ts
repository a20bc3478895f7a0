"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { createCannedResponse } from "@/lib/canned/create-canned-response";
import { deleteCannedResponse } from "@/lib/canned/delete-canned-response";
import type { TCannedResponseInput, TCannedResponseUpdate } from "@/lib/canned/schemas";
import { updateCannedResponse } from "@/lib/canned/update-canned-response";
import { createDepartment } from "@/lib/departments/create-department";
import { deleteDepartment } from "@/lib/departments/delete-department";
import type { TDepartmentInput } from "@/lib/departments/schemas";
import { updateDepartment, type TUpdateDepartmentInput } from "@/lib/departments/update-department";
import { AppError } from "@/lib/errors/app-error";
import { updateLiveChatSettings, type TLiveChatSettingsInput } from "@/lib/live-chat/settings";
import { MAX_AVATAR_BYTES } from "@/lib/operators/process-avatar-image";
import { removeOperatorAvatar } from "@/lib/operators/remove-operator-avatar";
import type { TOperatorDepartmentsInput, TOperatorProfileInput } from "@/lib/operators/schemas";
import { setOperatorDepartments } from "@/lib/operators/set-operator-departments";
import { updateOperatorProfile } from "@/lib/operators/update-operator-profile";
import { uploadOperatorAvatar } from "@/lib/operators/upload-operator-avatar";

/**
 * Live-chat administration actions. Each goes through workspaceAction (membership + the
 * weakest role that may call it); the services check again what only admins or only the
 * profile's owner may do.
 */

const revalidate = () => revalidatePath("/dashboard/[workspace]/operators", "layout");

export const createDepartmentAction = workspaceAction(["admin"], async (ctx, input: TDepartmentInput) => {
  const department = await createDepartment(ctx, input);
  revalidate();
  return { id: department.id };
});

export const updateDepartmentAction = workspaceAction(["admin"], async (ctx, input: TUpdateDepartmentInput) => {
  await updateDepartment(ctx, input);
  revalidate();
  return null;
});

export const deleteDepartmentAction = workspaceAction(["admin"], async (ctx, input: { departmentId: string }) => {
  await deleteDepartment(ctx, input);
  revalidate();
  return null;
});

export const updateOperatorProfileAction = workspaceAction(["operator"], async (ctx, input: TOperatorProfileInput) => {
  await updateOperatorProfile(ctx, input);
  revalidate();
  return null;
});

export const setOperatorDepartmentsAction = workspaceAction(["admin"], async (ctx, input: TOperatorDepartmentsInput) => {
  await setOperatorDepartments(ctx, input);
  revalidate();
  return null;
});

/** multipart FormData with `userId` and `file`; the file's bytes decide its type, not its name. */
export const uploadAvatarAction = workspaceAction(["operator"], async (ctx, form: FormData) => {
  const file = form instanceof FormData ? form.get("file") : null;
  const userId = form instanceof FormData ? String(form.get("userId") ?? "") : "";
  if (!(file instanceof Blob)) throw new AppError("bad_request", "Choose an image file.", { details: { field: "file" } });
  if (file.size > MAX_AVATAR_BYTES) throw new AppError("payload_too_large", "The image is larger than 1 MB.", { details: { field: "file" } });
  const result = await uploadOperatorAvatar(ctx, { userId, bytes: new Uint8Array(await file.arrayBuffer()) });
  revalidate();
  return result;
});

export const removeAvatarAction = workspaceAction(["operator"], async (ctx, input: { userId: string }) => {
  await removeOperatorAvatar(ctx, input);
  revalidate();
  return null;
});

export const createCannedResponseAction = workspaceAction(["operator"], async (ctx, input: TCannedResponseInput) => {
  const created = await createCannedResponse(ctx, input);
  revalidate();
  return { id: created.id };
});

export const updateCannedResponseAction = workspaceAction(["operator"], async (ctx, input: TCannedResponseUpdate) => {
  await updateCannedResponse(ctx, input);
  revalidate();
  return null;
});

export const deleteCannedResponseAction = workspaceAction(["operator"], async (ctx, input: { cannedResponseId: string }) => {
  await deleteCannedResponse(ctx, input);
  revalidate();
  return null;
});

export const updateLiveChatSettingsAction = workspaceAction(["admin"], async (ctx, input: TLiveChatSettingsInput) => {
  await updateLiveChatSettings(ctx, input);
  revalidate();
  return null;
});
