import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { listOperators, type TOperatorSummary } from "./list-operators";
import { requireProfileAccess } from "./operator-access";

/** One member's operator view: their own for everyone, anyone's for admins and owners. */
export async function getOperator(ctx: TWorkspaceContext, userId: string): Promise<TOperatorSummary> {
  requireProfileAccess(ctx, String(userId));
  const [operator] = await listOperators(ctx, { userId: String(userId) });
  if (!operator) throw new AppError("not_found", "Operator not found.");
  return operator;
}
