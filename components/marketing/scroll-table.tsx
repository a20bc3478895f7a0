import type { ReactNode } from "react";

/**
 * A wide table on a card that scrolls sideways on small screens. The scroll region is
 * focusable and named after the caption, so keyboard users can scroll it too.
 */
export function ScrollTable({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="relative overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50">{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
