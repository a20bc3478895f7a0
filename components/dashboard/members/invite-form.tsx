"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { inviteMemberAction } from "@/app/dashboard/[workspace]/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export function InviteForm({ slug, canInviteOwner, seatsFull }: { slug: string; canInviteOwner: boolean; seatsFull: boolean }) {
  const t = useTranslations("dashboard.members");
  const tr = useTranslations("dashboard.roles");
  const toast = useToast();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("operator");

  return (
    <form
      className="space-y-4 px-5 py-5"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const result = await inviteMemberAction(slug, { email, role: role as "operator" });
          if (result.ok) {
            toast.show(t("invited", { email: result.data.email }));
            setEmail("");
          } else {
            setError(result.error);
          }
        });
      }}
    >
      {seatsFull && <Alert tone="warning">{t("seatsFull")}</Alert>}
      {error && error.field !== "email" && <Alert tone="danger">{error.message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field id="invite-email" label={t("email")} error={error?.field === "email" ? error.message : null}>
          <Input {...fieldAria("invite-email", error?.field === "email" ? error.message : null)} type="email" required autoComplete="off" placeholder="kollegin@firma.de" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="invite-role" label={t("role")}>
          <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="operator">{tr("operator")}</option>
            <option value="admin">{tr("admin")}</option>
            {canInviteOwner && <option value="owner">{tr("owner")}</option>}
          </Select>
        </Field>
        <Button type="submit" loading={pending} disabled={seatsFull}>
          {t("send")}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t("roleHelp")}</p>
    </form>
  );
}
