import type { PrismaClient } from "./generated/client";

/** A Prisma client or an interactive transaction handle. */
export type TransactionClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
