import { cn } from "@/components/ui/cn";

/** The operator's picture, or their initials on a tinted circle. */
export function OperatorAvatar({ name, url, size = "md" }: { name: string; url: string | null; size?: "sm" | "md" | "lg" }) {
  const box = size === "lg" ? "size-20 text-xl" : size === "sm" ? "size-8 text-xs" : "size-10 text-sm";
  if (url) {
    // eslint-disable-next-line @next/next/no-img-element -- our own small, already resized image; next/image adds nothing here
    return <img src={url} alt="" className={cn("shrink-0 rounded-full object-cover ring-1 ring-slate-200", box)} />;
  }
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join("") || "?";
  return (
    <span aria-hidden="true" className={cn("inline-flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700", box)}>
      {initials}
    </span>
  );
}
