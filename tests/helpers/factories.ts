import { randomBytes } from "node:crypto";
import { createPasswordUser } from "@/lib/auth/create-user";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { TRole } from "@/lib/validation/common";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { requireMembership } from "@/lib/workspaces/require-membership";
import type { TWorkspaceContext } from "@/lib/workspaces/types";

/** A password every factory user has (hashed once per process: scrypt is deliberately slow). */
export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(4).toString("hex")}@example.com`;
}

export async function createUser(options: { email?: string; name?: string; verified?: boolean } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return createPasswordUser({
    email: options.email ?? uniqueEmail(),
    password: TEST_PASSWORD,
    passwordHash: await passwordHash,
    name: options.name ?? "Test User",
    locale: "en",
    verified: options.verified ?? true,
  });
}

/** A verified owner with a workspace of their own, plus the owner's tenant context. */
export async function createOwnerWithWorkspace(name = "Acme Support") {
  const owner = await createUser({ name: "Owner" });
  const workspace = await createWorkspace({ name, ownerId: owner.id });
  const ctx = await contextFor(owner.id, workspace.slug);
  return { owner, workspace, ctx };
}

/** A new verified user who is a member of the workspace with `role`. */
export async function addMember(workspaceId: string, role: TRole, label: string = role) {
  const user = await createUser({ email: uniqueEmail(label), name: label });
  const membership = await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  return { user, membership };
}

/** The tenant context the app would build for this user (through requireMembership). */
export async function contextFor(userId: string, slug: string): Promise<TWorkspaceContext> {
  return (await requireMembership(userId, slug, ["operator"])).ctx;
}
