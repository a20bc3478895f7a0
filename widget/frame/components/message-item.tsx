/** @jsxImportSource preact */
import { Component } from "preact";
import { useMemo } from "preact/hooks";
import type { TCitation } from "../../../lib/widget/protocol";
import { safeUrl } from "../../shared/url";
import { formatWait, type TTranslate } from "../i18n";
import { EXTERNAL_LINK, renderMarkdown } from "../markdown/render";
import type { TChatMessage } from "../state";
import { Avatar } from "./avatar";

export function TypingDots({ label }: { label: string }) {
  return (
    <span class="cw-typing">
      <i />
      <i />
      <i />
      <span class="cw-sr">{label}</span>
    </span>
  );
}

function Sources({ citations, t }: { citations: TCitation[]; t: TTranslate }) {
  const unique = citations.filter((item, index) => citations.findIndex((other) => other.n === item.n) === index).sort((a, b) => a.n - b.n);
  return (
    <div class="cw-sources">
      <p class="cw-sources-title">{t("message.sources")}</p>
      <ol>
        {unique.map((citation) => {
          const href = safeUrl(citation.url, ["http:", "https:"]);
          const label = citation.title || href || t("message.source", { n: citation.n });
          return (
            <li key={citation.n} value={citation.n}>
              {href ? (
                <a href={href} {...EXTERNAL_LINK}>
                  {label}
                </a>
              ) : (
                label
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Bot and operator text as the safe Markdown subset, with its citations. */
export function MarkdownBody({ text, citations, streaming, t }: { text: string; citations: TCitation[]; streaming: boolean; t: TTranslate }) {
  const body = useMemo(
    () => renderMarkdown(text, { citations, streaming, sourceLabel: (n) => t("message.source", { n }) }),
    [text, citations, streaming, t],
  );
  return <div class="cw-md">{body}</div>;
}

type TMessageItemProps = {
  message: TChatMessage;
  botName: string;
  /** Our origin: operator avatars load from it only. */
  origin: string;
  t: TTranslate;
  onRetry: (clientMessageId: string) => void;
};

function failureText(message: TChatMessage, t: TTranslate): string {
  const { failure } = message;
  if (failure?.code !== "rate_limited") return t("message.failed");
  return t("message.rateLimited", { wait: formatWait(t, failure.retryAfterSeconds ?? 60) });
}

function MessageView({ message, botName, origin, t, onRetry }: TMessageItemProps) {
  if (message.role === "system") return <li class={message.local ? "cw-notice" : "cw-sys"}>{message.text}</li>;
  if (message.role === "visitor") {
    return (
      <li class={`cw-row cw-me${message.delivery === "sending" ? " cw-sending" : ""}`}>
        <span class="cw-sr">{t("message.you")}:</span>
        <div class="cw-bubble">{message.text}</div>
        {message.delivery === "sending" && <span class="cw-meta">{t("message.sending")}</span>}
        {message.delivery === "failed" && (
          <span class="cw-fail">
            {failureText(message, t)}
            <button type="button" class="cw-link-btn" onClick={() => message.clientMessageId && onRetry(message.clientMessageId)}>
              {t("message.retry")}
            </button>
          </span>
        )}
      </li>
    );
  }
  const author = message.author?.name ?? botName;
  const streaming = message.status === "streaming";
  return (
    <li class={`cw-row cw-them${message.status === "failed" ? " cw-bot-failed" : ""}`}>
      {message.role === "operator" ? (
        <span class="cw-author">
          <Avatar person={{ name: author, avatarUrl: message.author?.avatarUrl ?? null }} origin={origin} small />
          {author}
        </span>
      ) : (
        <span class="cw-sr">{author}:</span>
      )}
      <div class="cw-bubble">
        {message.text ? (
          <MarkdownBody text={message.text} citations={message.citations} streaming={streaming} t={t} />
        ) : (
          streaming && <TypingDots label={t("typing", { name: author })} />
        )}
        {!streaming && message.citations.length > 0 && <Sources citations={message.citations} t={t} />}
      </div>
    </li>
  );
}

/**
 * Re-renders only when its message changes: the reducer keeps every untouched message
 * object as it was, so a streaming answer's deltas do not re-render a long conversation.
 */
export class MessageItem extends Component<TMessageItemProps> {
  shouldComponentUpdate(next: TMessageItemProps) {
    const current = this.props;
    return next.message !== current.message || next.botName !== current.botName || next.origin !== current.origin || next.t !== current.t || next.onRetry !== current.onRetry;
  }

  render() {
    return <MessageView {...this.props} />;
  }
}
