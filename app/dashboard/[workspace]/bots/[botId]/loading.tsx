import { Skeleton } from "@/components/ui/feedback";

/** Switching tabs keeps the bot's header and tab bar; only the tab's content waits. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3 rounded-xl bg-white p-5 ring-1 ring-slate-200">
      <span className="sr-only">…</span>
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
