import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/feedback";
import { NAV_ITEMS } from "@/components/dashboard/nav-items";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";

/**
 * Sections that later issues build (conversations: the transcript list). A real folder for a section takes precedence over this route.
 */
const UPCOMING = ["conversations"] as const;
type TSection = (typeof UPCOMING)[number];

function isSection(value: string): value is TSection {
  return (UPCOMING as readonly string[]).includes(value);
}

export async function generateMetadata({ params }: { params: Promise<{ section: string }> }): Promise<Metadata> {
  const { section } = await params;
  if (!isSection(section)) return {};
  const t = await getTranslations("dashboard.nav");
  return { title: t(section) };
}

export default async function UpcomingSectionPage({ params }: { params: Promise<{ workspace: string; section: string }> }) {
  const { workspace: slug, section } = await params;
  if (!isSection(section)) notFound();
  const item = NAV_ITEMS.find((i) => i.key === section)!;
  await requireWorkspacePage(slug, [item.minRole], `/dashboard/${slug}/${section}`);
  const t = await getTranslations("dashboard");
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} description={t(`upcoming.${section}`)} />
      <Card>
        <EmptyState
          icon={
            <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d={item.icon} />
            </svg>
          }
          title={t("upcoming.title")}
          description={t("upcoming.text")}
          action={<Badge tone="brand">{t("upcoming.badge")}</Badge>}
        />
      </Card>
    </>
  );
}
