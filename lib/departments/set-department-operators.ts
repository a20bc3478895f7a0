import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";

/**
 * Replaces a department's members. Every user must be a member of the workspace; their
 * operator profile is created when missing (profiles are created on first use).
 */
export async function replaceDepartmentOperators(tx: TransactionClient, workspaceId: string, departmentId: string, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  const members = await tx.membership.findMany({ where: { workspaceId, userId: { in: unique } }, select: { userId: true } });
  if (members.length !== unique.length) throw new AppError("not_found", "One of the chosen operators is not a member of this workspace.", { details: { field: "operatorUserIds" } });
  const profiles = await Promise.all(
    unique.map((userId) =>
      tx.operatorProfile.upsert({
        where: { workspaceId_userId: { workspaceId, userId } },
        create: { workspaceId, userId },
        update: {},
        select: { id: true },
      }),
    ),
  );
  await tx.operatorDepartment.deleteMany({ where: { departmentId } });
  if (profiles.length > 0) {
    await tx.operatorDepartment.createMany({ data: profiles.map((p) => ({ operatorId: p.id, departmentId })), skipDuplicates: true });
  }
}
