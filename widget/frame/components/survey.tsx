/** @jsxImportSource preact */
import { useEffect, useRef, useState } from "preact/hooks";
import { LIVE_CHAT_LIMITS } from "../../../lib/live-chat/protocol";
import { formatWait, type TTranslate } from "../i18n";
import type { TSurvey } from "../live-state";
import { Icon } from "./icon";

type TSurveyProps = {
  survey: TSurvey;
  /** Whose chat is rated, when known. */
  operatorName: string | null;
  t: TTranslate;
  onRate: (rating: number, comment: string) => void;
  onDismiss: () => void;
};

const STARS = [1, 2, 3, 4, 5];

/**
 * The post-chat survey: 1–5 stars as a native radio group (Tab reaches it, the arrow keys
 * choose) and an optional comment; then a thank-you.
 */
export function Survey({ survey, operatorName, t, onRate, onDismiss }: TSurveyProps) {
  const [rating, setRating] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const thanksRef = useRef<HTMLButtonElement>(null);
  const sending = survey.phase === "sending";
  const thanks = survey.phase === "thanks";

  useEffect(() => {
    if (thanks && survey.ending) thanksRef.current?.focus();
  }, [thanks, survey.ending]);

  if (thanks) {
    return (
      <section class={`cw-survey${survey.ending ? " cw-survey-done" : ""}`} ref={sectionRef}>
        <p class="cw-survey-thanks" role="status">
          {t("survey.thanks")}
        </p>
        {survey.ending && (
          <>
            <p class="cw-form-intro">{t("survey.ended")}</p>
            <div class="cw-actions">
              <button type="button" class="cw-btn cw-btn-primary" ref={thanksRef} onClick={onDismiss}>
                {t("survey.close")}
              </button>
            </div>
          </>
        )}
      </section>
    );
  }

  const submit = (event: Event) => {
    event.preventDefault();
    if (sending) return;
    if (!rating) {
      setMissing(true);
      sectionRef.current?.querySelector<HTMLInputElement>(".cw-star-input")?.focus();
      return;
    }
    onRate(rating, comment);
  };
  const error = missing && !rating ? t("survey.required") : survey.error ? (survey.error.code === "rate_limited" ? t("live.rateLimited", { wait: formatWait(t, survey.error.retryAfterSeconds ?? 60) }) : t("survey.failed")) : null;
  const shown = hover || rating;

  return (
    <section class="cw-survey" ref={sectionRef} aria-labelledby="cw-survey-title">
      <form onSubmit={submit} noValidate>
        <h2 id="cw-survey-title" class="cw-survey-title">
          {operatorName ? t("survey.titleNamed", { name: operatorName }) : t("survey.title")}
        </h2>
        <fieldset class="cw-stars-set" aria-describedby={error ? "cw-survey-error" : undefined}>
          <legend class="cw-sr">{t("survey.rating")}</legend>
          <div class="cw-stars" onMouseLeave={() => setHover(0)}>
            {STARS.map((n) => (
              <span class="cw-star" key={n}>
                <input
                  class="cw-star-input"
                  type="radio"
                  id={`cw-star-${n}`}
                  name="cw-rating"
                  value={String(n)}
                  checked={rating === n}
                  onChange={() => {
                    setRating(n);
                    setMissing(false);
                  }}
                />
                <label for={`cw-star-${n}`} class={`cw-star-label${n <= shown ? " cw-on" : ""}`} title={t("survey.star", { n })} onMouseEnter={() => setHover(n)}>
                  <Icon name="star" />
                  <span class="cw-sr">{t("survey.star", { n })}</span>
                </label>
              </span>
            ))}
          </div>
        </fieldset>
        <div class="cw-field">
          <label for="cw-survey-comment">{t("survey.comment")}</label>
          <textarea
            id="cw-survey-comment"
            class="cw-control cw-survey-comment"
            rows={2}
            maxLength={LIVE_CHAT_LIMITS.ratingCommentMaxChars}
            value={comment}
            onInput={(event) => setComment((event.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
        {error && (
          <p id="cw-survey-error" class="cw-form-error" role="alert">
            {error}
          </p>
        )}
        <div class="cw-actions">
          <button type="button" class="cw-btn" onClick={onDismiss} disabled={sending}>
            {survey.ending ? t("survey.skipEnd") : t("survey.skip")}
          </button>
          <button type="submit" class="cw-btn cw-btn-primary" aria-disabled={sending ? "true" : undefined}>
            {sending ? t("form.sending") : t("survey.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
