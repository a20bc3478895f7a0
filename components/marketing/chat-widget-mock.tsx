import { Icon } from "./icons";
import type { TMarketingT } from "./t";

function BotAvatar({ className }: { className?: string }) {
  return (
    <span className={className}>
      <svg viewBox="0 0 32 32" className="size-full" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="16" className="fill-white/20" />
        <rect x="9" y="11" width="14" height="11" rx="4" fill="#fff" />
        <circle cx="13.5" cy="16.5" r="1.5" className="fill-brand-600" />
        <circle cx="18.5" cy="16.5" r="1.5" className="fill-brand-600" />
        <path d="M16 8v3" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    </span>
  );
}

/**
 * The hero illustration: a shop page with the Chatwerk widget answering a question
 * with cited sources. Drawn in HTML so it stays sharp and translatable; exposed to
 * assistive technology as one image with a description.
 */
export function ChatWidgetMock({ t }: { t: TMarketingT }) {
  const w = (key: string) => t(`home.widget.${key}`);
  return (
    <div role="img" aria-label={w("label")} className="relative mx-auto w-full max-w-[36rem] sm:pb-10 lg:pb-0">
      {/* The host page, from sm up */}
      <div className="hidden overflow-hidden rounded-2xl bg-white shadow-2xl ring-1 shadow-brand-950/10 ring-slate-200 sm:block">
        <div className="flex items-center gap-2 border-b border-slate-100 bg-slate-50 px-4 py-3">
          <span className="size-2.5 rounded-full bg-slate-300" />
          <span className="size-2.5 rounded-full bg-slate-300" />
          <span className="size-2.5 rounded-full bg-slate-300" />
          <span className="ml-3 flex flex-1 items-center gap-1.5 rounded-md bg-white px-3 py-1 text-xs text-slate-500 ring-1 ring-slate-200">
            <Icon name="lock" className="size-3" />
            {w("site")}
          </span>
        </div>
        <div className="h-[30rem] bg-white p-6">
          <div className="flex items-center justify-between">
            <span className="text-sm font-bold tracking-tight text-slate-800">Velokontor</span>
            <span className="flex gap-3">
              <span className="h-2 w-10 rounded-full bg-slate-200" />
              <span className="h-2 w-10 rounded-full bg-slate-200" />
              <span className="h-2 w-10 rounded-full bg-slate-200" />
            </span>
          </div>
          <div className="mt-6 rounded-xl bg-gradient-to-br from-amber-100 to-orange-50 p-5">
            <p className="text-lg font-semibold text-slate-800">{w("siteTitle")}</p>
            <span className="mt-3 block h-2 w-40 rounded-full bg-orange-200" />
            <span className="mt-2 block h-2 w-28 rounded-full bg-orange-200" />
            <span className="mt-4 inline-block h-7 w-24 rounded-md bg-orange-400/80" />
          </div>
          <div className="mt-5 grid w-[45%] grid-cols-2 gap-3">
            {[0, 1, 2, 3].map((i) => (
              <span key={i} className="block">
                <span className="block h-16 rounded-lg bg-slate-100" />
                <span className="mt-2 block h-2 w-3/4 rounded-full bg-slate-200" />
              </span>
            ))}
          </div>
        </div>
      </div>

      {/* Floating status cards, from lg up */}
      <div className="absolute bottom-20 -left-10 hidden items-center gap-3 rounded-xl bg-white px-4 py-3 shadow-lg ring-1 ring-slate-200 xl:flex">
        <span className="flex size-8 items-center justify-center rounded-lg bg-emerald-100 text-emerald-700">
          <Icon name="check" className="size-4" />
        </span>
        <span>
          <span className="block text-xs font-semibold text-slate-800">{w("indexed")}</span>
          <span className="block text-xs text-slate-500">{w("indexedDetail")}</span>
        </span>
      </div>

      {/* The widget */}
      <div className="relative w-full overflow-hidden rounded-2xl bg-white shadow-2xl ring-1 shadow-brand-950/20 ring-slate-200 sm:absolute sm:right-4 sm:-bottom-2 sm:w-[20.5rem] lg:-right-6 lg:-bottom-6">
        <div className="flex items-center gap-3 bg-brand-600 px-4 py-3 text-white">
          <BotAvatar className="size-9 shrink-0" />
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-semibold">{w("botName")}</span>
            <span className="flex items-center gap-1.5 text-xs text-brand-100">
              <span className="size-1.5 rounded-full bg-emerald-400" />
              {w("status")}
            </span>
          </span>
          <Icon name="x" className="size-5 text-brand-100" />
        </div>
        <div className="space-y-3 bg-slate-50 px-4 py-4">
          <p className="ml-auto w-fit max-w-[85%] rounded-2xl rounded-br-md bg-brand-600 px-3.5 py-2 text-sm leading-5 text-white">
            {w("question")}
          </p>
          <div className="flex gap-2">
            <BotAvatar className="mt-1 size-6 shrink-0 rounded-full bg-brand-600" />
            <div className="max-w-[88%] rounded-2xl rounded-bl-md bg-white px-3.5 py-2.5 text-sm leading-5 text-slate-700 shadow-sm ring-1 ring-slate-200">
              <p>
                {w("answer")}
                <sup className="ml-0.5 font-semibold text-brand-600">1</sup>
              </p>
              <p className="mt-2.5 text-[0.6875rem] font-semibold tracking-wide text-slate-400 uppercase">{w("sources")}</p>
              <span className="mt-1 flex flex-col gap-1">
                {[w("source1"), w("source2")].map((source, i) => (
                  <span key={source} className="flex items-center gap-1.5 truncate text-xs text-brand-700">
                    <span className="flex size-4 shrink-0 items-center justify-center rounded bg-brand-50 text-[0.625rem] font-bold">
                      {i + 1}
                    </span>
                    <span className="truncate underline decoration-brand-200 underline-offset-2">{source}</span>
                  </span>
                ))}
              </span>
            </div>
          </div>
          <span className="ml-8 inline-flex items-center gap-1.5 rounded-full bg-white px-3 py-1.5 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-200">
            <Icon name="users" className="size-3.5 text-brand-600" />
            {w("human")}
          </span>
        </div>
        <div className="flex items-center gap-2 border-t border-slate-200 bg-white px-3 py-2.5">
          <span className="flex-1 truncate rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-400">{w("input")}</span>
          <span className="flex size-9 items-center justify-center rounded-lg bg-brand-600 text-white">
            <Icon name="send" className="size-4" />
          </span>
        </div>
        <p className="bg-white pb-2 text-center text-[0.625rem] text-slate-400">{w("powered")}</p>
      </div>
    </div>
  );
}
