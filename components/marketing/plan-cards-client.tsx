"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Icon } from "./icons";

export type TPlanCard = {
  id: string;
  name: string;
  tagline: string;
  recommended: boolean;
  isFree: boolean;
  cta: string;
  features: { text: string; included: boolean }[];
  prices: { months: number; perMonth: string; note: string }[];
};

type TPeriodOption = { months: number; label: string; discount?: string };

/**
 * The period switch is a group of real radio buttons (arrow keys work natively); the
 * server renders the one-month prices, so the cards are complete without JavaScript.
 */
export function PlanCardsClient({
  cards,
  periods,
  labels,
}: {
  cards: TPlanCard[];
  periods: TPeriodOption[];
  labels: { period: string; perMonth: string; recommended: string; included: string; notIncluded: string };
}) {
  const [months, setMonths] = useState(periods[0]?.months ?? 1);
  const name = useId();

  return (
    <div>
      <fieldset className="mx-auto w-fit max-w-full">
        <legend className="sr-only">{labels.period}</legend>
        <div className="grid grid-cols-2 gap-1 rounded-2xl bg-slate-100 p-1 ring-1 ring-slate-200 sm:flex sm:rounded-full">
          {periods.map((period) => (
            <label
              key={period.months}
              className={cn(
                "relative flex cursor-pointer items-center justify-center gap-1.5 rounded-full px-3.5 py-2 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500 sm:px-4",
                months === period.months ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900",
              )}
            >
              <input
                type="radio"
                name={name}
                value={period.months}
                checked={months === period.months}
                onChange={() => setMonths(period.months)}
                className="sr-only"
              />
              {period.label}
              {period.discount && (
                <span className="rounded-full bg-emerald-100 px-1.5 py-0.5 text-xs font-semibold text-emerald-700">
                  {period.discount}
                </span>
              )}
            </label>
          ))}
        </div>
      </fieldset>

      <ul className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((card) => {
          const price = card.prices.find((p) => p.months === months) ?? card.prices[0]!;
          return (
            <li
              key={card.id}
              className={cn(
                "relative flex flex-col rounded-2xl bg-white p-6 shadow-sm ring-1",
                card.recommended ? "ring-2 ring-brand-600 shadow-brand-600/10 shadow-lg" : "ring-slate-200",
              )}
            >
              {card.recommended && (
                <span className="absolute -top-3 left-6 rounded-full bg-brand-600 px-3 py-1 text-xs font-semibold text-white">
                  {labels.recommended}
                </span>
              )}
              <h3 className="text-lg font-semibold text-slate-900">{card.name}</h3>
              <p className="mt-1 text-sm leading-5 text-slate-600 sm:min-h-15">{card.tagline}</p>
              <p className="mt-5 flex items-baseline gap-1" aria-live="polite">
                <span className="text-4xl font-bold tracking-tight text-slate-900">{price.perMonth}</span>
                <span className="text-sm text-slate-500">{labels.perMonth}</span>
              </p>
              <p className="mt-1 text-sm leading-5 text-slate-500 sm:min-h-10">{price.note}</p>
              <Link
                href="/signup"
                className={buttonClasses(card.recommended ? "primary" : "secondary", "md", "mt-6 w-full")}
              >
                {card.cta}
              </Link>
              <ul className="mt-6 space-y-3 border-t border-slate-100 pt-6 text-sm">
                {card.features.map((feature) => (
                  <li key={feature.text} className="flex gap-2.5">
                    <Icon
                      name={feature.included ? "check" : "x"}
                      className={cn("mt-0.5 size-4", feature.included ? "text-brand-600" : "text-slate-400")}
                    />
                    <span className={feature.included ? "text-slate-700" : "text-slate-500"}>
                      <span className="sr-only">{feature.included ? labels.included : labels.notIncluded}: </span>
                      {feature.text}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
