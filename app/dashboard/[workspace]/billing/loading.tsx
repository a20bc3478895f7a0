import { Skeleton } from "@/components/ui/feedback";

/** The billing page while it loads: header, balance and top-up cards, then the sections below. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">…</span>
      <Skeleton className="h-8 w-64 max-w-full" />
      <Skeleton className="mt-3 h-4 w-96 max-w-full" />
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="space-y-3 rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-10 w-40" />
          <Skeleton className="h-4 w-full" />
        </div>
        <div className="space-y-3 rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <Skeleton className="h-5 w-48" />
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-14" />
            ))}
          </div>
          <Skeleton className="ml-auto h-12 w-40" />
        </div>
      </div>
      <div className="mt-6 space-y-3 rounded-xl bg-white p-5 ring-1 ring-slate-200">
        <Skeleton className="h-5 w-32" />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-56" />
          ))}
        </div>
      </div>
    </div>
  );
}
