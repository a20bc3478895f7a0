"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changeMemberRoleAction, removeMemberAction, revokeInvitationAction } from "@/app/dashboard/[workspace]/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge } from "@/components/ui/feedback";
import { Select } from "@/components/ui/field";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import type { TRole } from "@/lib/validation/common";
import { canAssignRole } from "@/lib/workspaces/roles";

type TMember = { id: string; name: string | null; email: string; role: TRole; isSelf: boolean; since: string };

export function MembersTable({ slug, members, actorRole }: { slug: string; members: TMember[]; actorRole: TRole }) {
  const t = useTranslations("dashboard.members");
  const tr = useTranslations("dashboard.roles");
  const format = useFormatter();
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [removing, setRemoving] = useState<TMember | null>(null);
  const isManager = actorRole !== "operator";

  const changeRole = (member: TMember, role: string) =>
    start(async () => {
      const result = await changeMemberRoleAction(slug, { membershipId: member.id, role });
      if (result.ok) toast.show(t("roleChanged"));
      else toast.show(result.error.message, "error");
    });

  return (
    <>
      <Table label={t("membersTitle", { count: members.length })}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t("member")}</Th>
            <Th>{t("role")}</Th>
            <Th className="hidden sm:table-cell">{t("since")}</Th>
            <Th>
              <span className="sr-only">{t("actions")}</span>
            </Th>
          </tr>
        </thead>
        <TBody>
          {members.map((m) => {
            const editable = isManager && canAssignRole(actorRole, m.role);
            return (
              <tr key={m.id}>
                <Td>
                  <div className="font-medium text-slate-900">
                    {m.name || m.email} {m.isSelf && <Badge tone="brand">{t("you")}</Badge>}
                  </div>
                  {m.name && <div className="text-xs text-slate-500">{m.email}</div>}
                </Td>
                <Td>
                  {editable ? (
                    <Select aria-label={t("roleOf", { name: m.name || m.email })} value={m.role} disabled={pending} onChange={(e) => changeRole(m, e.target.value)} className="h-9 w-36">
                      <option value="operator">{tr("operator")}</option>
                      <option value="admin">{tr("admin")}</option>
                      {actorRole === "owner" && <option value="owner">{tr("owner")}</option>}
                    </Select>
                  ) : (
                    <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{tr(m.role)}</Badge>
                  )}
                </Td>
                <Td className="hidden sm:table-cell">{format.dateTime(new Date(m.since), { dateStyle: "medium" })}</Td>
                <Td className="text-right">
                  {(m.isSelf || editable) && (
                    <Button variant="ghost" size="sm" onClick={() => setRemoving(m)}>
                      {m.isSelf ? t("leave") : t("remove")}
                    </Button>
                  )}
                </Td>
              </tr>
            );
          })}
        </TBody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing?.isSelf ? t("leaveTitle") : t("removeTitle")}
        description={removing?.isSelf ? t("leaveText") : t("removeText", { name: removing?.name || removing?.email || "" })}
        cancelLabel={t("cancel")}
        confirmLabel={removing?.isSelf ? t("leave") : t("remove")}
        pending={pending}
        onConfirm={() =>
          start(async () => {
            if (!removing) return;
            const result = await removeMemberAction(slug, { membershipId: removing.id });
            setRemoving(null);
            if (!result.ok) return toast.show(result.error.message, "error");
            if (result.data.left) return router.push("/dashboard");
            toast.show(t("removed"));
          })
        }
      />
    </>
  );
}

export function InvitationsTable({ slug, invitations }: { slug: string; invitations: { id: string; email: string; role: TRole; expiresAt: string; expired: boolean }[] }) {
  const t = useTranslations("dashboard.members");
  const tr = useTranslations("dashboard.roles");
  const format = useFormatter();
  const toast = useToast();
  const [pending, start] = useTransition();
  return (
    <Table label={t("invitationsTitle")}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("email")}</Th>
          <Th>{t("role")}</Th>
          <Th className="hidden sm:table-cell">{t("expires")}</Th>
          <Th>
            <span className="sr-only">{t("actions")}</span>
          </Th>
        </tr>
      </thead>
      <TBody>
        {invitations.map((i) => (
          <tr key={i.id}>
            <Td className="font-medium text-slate-900">{i.email}</Td>
            <Td>
              <Badge>{tr(i.role)}</Badge>
            </Td>
            <Td className="hidden sm:table-cell">{i.expired ? <Badge tone="warning">{t("expired")}</Badge> : format.dateTime(new Date(i.expiresAt), { dateStyle: "medium" })}</Td>
            <Td className="text-right">
              <Button
                variant="ghost"
                size="sm"
                disabled={pending}
                onClick={() =>
                  start(async () => {
                    const result = await revokeInvitationAction(slug, { invitationId: i.id });
                    toast.show(result.ok ? t("revoked") : result.error.message, result.ok ? "success" : "error");
                  })
                }
              >
                {t("revoke")}
              </Button>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
