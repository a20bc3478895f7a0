import { redirect } from "next/navigation";
import { requireUserPage } from "@/lib/auth/next/require-page";
import { listWorkspacesForUser } from "@/lib/workspaces/require-membership";

export const dynamic = "force-dynamic";

/** /dashboard → the user's first workspace, or the page to create one. */
export default async function DashboardIndex() {
  const user = await requireUserPage("/dashboard");
  const workspaces = await listWorkspacesForUser(user.id);
  redirect(workspaces[0] ? `/dashboard/${workspaces[0].slug}` : "/dashboard/new");
}
