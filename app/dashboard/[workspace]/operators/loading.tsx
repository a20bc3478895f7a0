import { Skeleton } from "@/components/ui/feedback";

/** Switching tabs keeps the header and tab bar; only the tab's content waits. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3 rounded-xl bg-white p-5 ring-1 ring-slate-200">
      <span className="sr-only">…</span>
      <Skeleton className="h-5 w-48" />
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="flex items-center gap-3">
          <Skeleton className="size-10 rounded-full" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-4 w-1/3" />
            <Skeleton className="h-3 w-1/2" />
          </div>
        </div>
      ))}
    </div>
  );
}
