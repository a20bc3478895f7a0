/** Five stars, `rating` of them filled; the label says it in words for screen readers. */
export function RatingStars({ rating, label, size = "sm" }: { rating: number; label: string; size?: "sm" | "lg" }) {
  return (
    <span role="img" aria-label={label} className={size === "lg" ? "inline-flex gap-0.5 text-xl" : "inline-flex gap-px text-sm"}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} aria-hidden="true" className={n <= rating ? "text-amber-400" : "text-slate-300"}>
          ★
        </span>
      ))}
    </span>
  );
}
