import Link from "next/link";
import type { ReactNode } from "react";
import { MobileNav } from "@/components/dashboard/mobile-nav";
import { UserMenu, WorkspaceSwitcher } from "@/components/dashboard/menus";
import { SidebarNav } from "@/components/dashboard/sidebar";
import { Logo } from "@/components/ui/logo";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { listWorkspacesForUser } from "@/lib/workspaces/require-membership";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { user, workspace, role } = await requireWorkspacePage(slug, ["operator"], `/dashboard/${slug}`);
  const workspaces = await listWorkspacesForUser(user.id);
  const current = { slug: workspace.slug, name: workspace.name };

  const panel = (
    <>
      <WorkspaceSwitcher current={current} workspaces={workspaces} />
      <SidebarNav slug={workspace.slug} role={role} />
      <div className="mt-auto border-t border-slate-200 pt-3">
        <UserMenu name={user.name} email={user.email} />
      </div>
    </>
  );

  return (
    <div className="min-h-dvh bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-64 flex-col gap-5 border-r border-slate-200 bg-white px-3 py-4 lg:flex">
        <Link href="/" className="px-2">
          <Logo />
        </Link>
        {panel}
      </aside>
      <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur lg:hidden">
        <MobileNav>{panel}</MobileNav>
        <Logo className="text-sm" />
        <span className="ml-auto max-w-[45%] truncate text-sm text-slate-500">{workspace.name}</span>
      </header>
      <main id="main" className="lg:pl-64">
        <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6 lg:px-10 lg:py-10">{children}</div>
      </main>
    </div>
  );
}
