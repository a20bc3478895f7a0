import { Icon } from "../icons";
import type { TFaqItem } from "./faq-types";

/**
 * Native <details>/<summary>: keyboard and screen-reader support without JavaScript.
 * Each item carries its id so /faq#id can open it (see FaqHashOpener).
 */
export function FaqAccordion({ items }: { items: TFaqItem[] }) {
  return (
    <div className="divide-y divide-slate-200 rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      {items.map((item) => (
        <details key={item.id} id={item.id} className="group scroll-mt-24">
          <summary className="flex cursor-pointer list-none items-start justify-between gap-4 rounded-2xl px-5 py-4 text-left text-base font-semibold text-slate-900 hover:bg-slate-50 sm:px-6 [&::-webkit-details-marker]:hidden">
            <span>{item.question}</span>
            <Icon
              name="chevronDown"
              className="mt-0.5 size-5 text-slate-400 transition-transform group-open:rotate-180 group-open:text-brand-600"
            />
          </summary>
          <div className="space-y-3 px-5 pb-5 text-[0.9375rem] leading-7 text-slate-600 sm:px-6 [&_li]:pl-1 [&_strong]:font-semibold [&_strong]:text-slate-800 [&_ul]:list-disc [&_ul]:space-y-1.5 [&_ul]:pl-5">
            {item.answer}
          </div>
        </details>
      ))}
    </div>
  );
}
