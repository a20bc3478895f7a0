import { cn } from "@/components/ui/cn";

/** The Chatwerk mark and name; colour comes from the caller (dark header, light footer). */
export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 text-lg font-semibold tracking-tight", className)}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path
          d="M9 11.5A3.5 3.5 0 0 1 12.5 8h7A3.5 3.5 0 0 1 23 11.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4.2 3.4c-.6.5-1.3 0-1.3-.7V20.3A3.5 3.5 0 0 1 9 16.5z"
          fill="#fff"
        />
        <circle cx="13" cy="14" r="1.4" className="fill-brand-600" />
        <circle cx="16" cy="14" r="1.4" className="fill-brand-600" />
        <circle cx="19" cy="14" r="1.4" className="fill-brand-600" />
      </svg>
      <span>Chatwerk</span>
    </span>
  );
}
