import { Prisma } from "../db/client";
import { AppError } from "../errors/app-error";

/** The unique (workspace, name) index as a readable conflict on the name field. */
export function rethrowDepartmentConflict(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new AppError("conflict", "A department with this name already exists.", { details: { field: "name" } });
  }
  throw error;
}
