import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AvatarUpload } from "@/components/dashboard/operators/avatar-upload";
import { OperatorDepartmentsForm } from "@/components/dashboard/operators/operator-departments-form";
import { ProfileForm } from "@/components/dashboard/operators/profile-form";
import { Card, CardHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listDepartments } from "@/lib/departments/list-departments";
import { isAppError } from "@/lib/errors/app-error";
import { getOperator } from "@/lib/operators/get-operator";
import { roleAllows } from "@/lib/workspaces/roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators.profile");
  return { title: t("title") };
}

export default async function OperatorProfilePage({ params }: { params: Promise<{ workspace: string; userId: string }> }) {
  const { workspace: slug, userId } = await params;
  const { ctx, user } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}/operators/profile/${userId}`);
  const t = await getTranslations("dashboard.operators.profile");
  // Someone else's profile is simply not there for an operator, like another workspace's.
  const operator = await getOperator(ctx, userId).catch((error: unknown) => {
    if (isAppError(error) && (error.code === "forbidden" || error.code === "not_found")) notFound();
    throw error;
  });
  const isAdmin = roleAllows(ctx.role, ["admin"]);
  const isSelf = operator.userId === user.id;
  const departments = isAdmin ? await listDepartments(ctx) : [];

  return (
    <div className="space-y-6">
      {isAdmin && (
        <Link href={`/dashboard/${slug}/operators`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          ← {t("back")}
        </Link>
      )}
      <Card>
        <CardHeader title={isSelf ? t("ownTitle") : t("otherTitle", { name: operator.name })} description={t("description")} />
        <div className="grid gap-6 px-5 py-5 lg:grid-cols-[14rem_minmax(0,1fr)]">
          <AvatarUpload slug={slug} userId={operator.userId} name={operator.name} avatarUrl={operator.avatarUrl} />
          <ProfileForm
            slug={slug}
            accountName={operator.accountName ?? operator.email}
            email={operator.email}
            initial={{
              userId: operator.userId,
              displayName: operator.displayName ?? "",
              signature: operator.signature ?? "",
              maxChats: operator.maxChats,
              sendTranscripts: operator.sendTranscripts,
            }}
          />
        </div>
      </Card>
      <Card>
        <CardHeader title={t("departmentsTitle")} description={isAdmin ? t("departmentsHint") : t("departmentsReadOnly")} />
        {isAdmin ? (
          <OperatorDepartmentsForm
            slug={slug}
            userId={operator.userId}
            departments={departments.map((d) => ({ id: d.id, name: d.name }))}
            selected={operator.departments.map((d) => d.id)}
          />
        ) : (
          <div className="px-5 py-4 text-sm text-slate-700">
            {operator.departments.length === 0 ? (
              <p className="text-slate-500">{t("noDepartments")}</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {operator.departments.map((d) => (
                  <li key={d.id} className="rounded-md bg-slate-100 px-2 py-1 ring-1 ring-slate-200 ring-inset">
                    {d.name}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
