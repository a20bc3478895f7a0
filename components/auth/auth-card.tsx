import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

type TTone = "brand" | "success" | "warning" | "danger";

const ICON_TONE: Record<TTone, string> = {
  brand: "bg-brand-50 text-brand-600 ring-brand-100",
  success: "bg-emerald-50 text-emerald-600 ring-emerald-100",
  warning: "bg-amber-50 text-amber-600 ring-amber-100",
  danger: "bg-red-50 text-red-600 ring-red-100",
};

/**
 * The one card every auth screen uses: optional status icon, a heading (focusable, so a
 * form can move focus to it when the screen changes state), description, body, and a
 * line of links under the card.
 */
export function AuthCard({
  title,
  description,
  icon,
  tone = "brand",
  headingId,
  children,
  footer,
}: {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  tone?: TTone;
  headingId?: string;
  children?: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <>
      <Card className="px-5 py-7 shadow-[0_1px_2px_rgb(15_23_42/0.04),0_12px_32px_-12px_rgb(15_23_42/0.14)] sm:px-8 sm:py-8">
        <div className="text-center">
          {icon && (
            <div className={cn("mx-auto mb-4 flex size-12 items-center justify-center rounded-full ring-8", ICON_TONE[tone])}>{icon}</div>
          )}
          <h1 id={headingId} tabIndex={-1} className="text-xl font-semibold tracking-tight text-slate-900 text-balance focus:outline-none">
            {title}
          </h1>
          {description && <div className="mt-2 text-sm leading-6 text-pretty text-slate-600">{description}</div>}
        </div>
        {children && <div className="mt-6">{children}</div>}
      </Card>
      {footer && <div className="mt-6 text-center text-sm text-slate-600">{footer}</div>}
    </>
  );
}

/** Inline text link in the auth screens' style. */
export const LINK = "font-medium text-brand-600 underline-offset-4 hover:text-brand-700 hover:underline";

/** Rich-text tag for the email address in a card's description (`t.rich(key, { strong })`). */
export const strong = (chunks: ReactNode) => <strong className="font-medium text-slate-900">{chunks}</strong>;
