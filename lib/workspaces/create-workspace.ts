import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { RESERVED_SLUGS, slugify, ZWorkspaceName } from "../validation/common";

/**
 * Creates a workspace with `ownerId` as its owner. The slug is derived from the name;
 * a taken slug gets a random suffix (checked first, because a unique violation would
 * abort the caller's transaction).
 */
export async function createWorkspace(
  input: { name: string; ownerId: string; slug?: string },
  tx: TransactionClient = db(),
) {
  const name = ZWorkspaceName.parse(input.name);
  const slug = await freeSlug(input.slug ?? slugify(name), tx);
  return tx.workspace.create({
    data: { name, slug, memberships: { create: { userId: input.ownerId, role: "owner" } } },
  });
}

async function freeSlug(wanted: string, tx: TransactionClient): Promise<string> {
  const base = wanted.length >= 3 ? wanted : `${wanted || "workspace"}-ws`.replace(/^-/, "");
  const candidates = [base, ...Array.from({ length: 5 }, () => `${base.slice(0, 32)}-${randomBytes(3).toString("hex")}`)];
  for (const candidate of candidates) {
    if (RESERVED_SLUGS.has(candidate)) continue;
    const taken = await tx.workspace.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
  throw new Error("Could not find a free workspace slug");
}
