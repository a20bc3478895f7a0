import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/dashboard/members/invite-form";
import { InvitationsTable, MembersTable } from "@/components/dashboard/members/members-table";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { workspaceLimits } from "@/lib/plans/plans";
import { listMembers } from "@/lib/workspaces/manage-members";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.members");
  return { title: t("title") };
}

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx, workspace, user } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/members`);
  const t = await getTranslations("dashboard.members");
  const { members, invitations } = await listMembers(ctx);
  const canManage = roleAllows(ctx.role, ["admin"]);
  const limits = workspaceLimits(workspace);
  const openInvites = invitations.filter((i) => !i.expired).length;
  const seatsUsed = members.length + openInvites;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {canManage && (
          <Card>
            <CardHeader title={t("inviteTitle")} description={t("seats", { used: seatsUsed, total: limits.seats })} />
            <InviteForm slug={slug} canInviteOwner={ctx.role === "owner"} seatsFull={seatsUsed >= limits.seats} />
          </Card>
        )}
        <Card>
          <CardHeader title={t("membersTitle", { count: members.length })} />
          <MembersTable
            slug={slug}
            members={members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, isSelf: m.userId === user.id, since: m.createdAt.toISOString() }))}
            actorRole={ctx.role}
          />
        </Card>
        {canManage && invitations.length > 0 && (
          <Card>
            <CardHeader title={t("invitationsTitle")} />
            <InvitationsTable
              slug={slug}
              invitations={invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), expired: i.expired }))}
            />
          </Card>
        )}
      </div>
    </>
  );
}
