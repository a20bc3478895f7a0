import { randomBytes, randomUUID } from "node:crypto";
import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { RESERVED_SLUGS, slugify, ZWorkspaceName } from "../validation/common";

/**
 * Creates a workspace with `ownerId` as its owner. The slug is derived from the name; a
 * taken slug gets a random suffix. The insert uses ON CONFLICT DO NOTHING, so a slug
 * taken by a concurrent sign-up moves on to the next candidate instead of aborting the
 * caller's transaction with a unique violation.
 */
export async function createWorkspace(
  input: { name: string; ownerId: string; slug?: string },
  tx: TransactionClient = db(),
) {
  const name = ZWorkspaceName.parse(input.name);
  for (const slug of slugCandidates(input.slug ?? slugify(name))) {
    const id = randomUUID();
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO workspaces (id, name, slug, updated_at)
      VALUES (${id}, ${name}, ${slug}, now())
      ON CONFLICT (slug) DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) continue;
    await tx.membership.create({ data: { workspaceId: id, userId: input.ownerId, role: "owner" } });
    return tx.workspace.findUniqueOrThrow({ where: { id } });
  }
  throw new Error("Could not find a free workspace slug");
}

function slugCandidates(wanted: string): string[] {
  const base = wanted.length >= 3 ? wanted : `${wanted || "workspace"}-ws`.replace(/^-/, "");
  const suffixed = Array.from({ length: 6 }, () => `${base.slice(0, 32)}-${randomBytes(3).toString("hex")}`);
  return [base, ...suffixed].filter((s) => !RESERVED_SLUGS.has(s));
}
