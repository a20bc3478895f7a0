import { Skeleton } from "@/components/ui/feedback";

export default function Loading() {
  return (
    <div aria-busy="true" className="py-4 sm:py-10">
      <div className="mx-auto flex max-w-xl flex-col items-center gap-3 rounded-xl bg-white px-6 py-10 ring-1 ring-slate-200">
        <Skeleton className="size-14 rounded-full" />
        <Skeleton className="h-6 w-56" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
    </div>
  );
}
