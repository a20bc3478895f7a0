import { cn } from "@/components/ui/cn";
import { initials } from "./format";

const TINTS = ["bg-sky-100 text-sky-700", "bg-violet-100 text-violet-700", "bg-emerald-100 text-emerald-700", "bg-amber-100 text-amber-800", "bg-rose-100 text-rose-700", "bg-teal-100 text-teal-700"];

/** Initials on a tint chosen from the conversation id, so one visitor keeps one colour everywhere. */
export function VisitorAvatar({ name, seed, size = "md" }: { name: string; seed: string; size?: "sm" | "md" | "lg" }) {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const tint = TINTS[Math.abs(hash) % TINTS.length];
  const box = size === "lg" ? "size-12 text-base" : size === "sm" ? "size-7 text-[11px]" : "size-9 text-xs";
  return (
    <span aria-hidden="true" className={cn("inline-flex shrink-0 items-center justify-center rounded-full font-semibold", tint, box)}>
      {initials(name)}
    </span>
  );
}
