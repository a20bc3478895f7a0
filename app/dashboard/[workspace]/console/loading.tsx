import { Skeleton } from "@/components/ui/feedback";

/** Mirrors the console's frame while the page loads. */
export default function ConsoleLoading() {
  return (
    <div aria-busy="true" className="fixed inset-x-0 top-14 bottom-0 z-10 flex flex-col bg-slate-100 lg:top-0 lg:left-64">
      <div className="flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="ml-auto h-9 w-28" />
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="hidden w-80 space-y-3 border-r border-slate-200 bg-white p-4 lg:block">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </div>
        <div className="flex-1" />
      </div>
    </div>
  );
}
