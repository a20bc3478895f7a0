/** The host page as the chat sees it (`page` in the handshake and the `page` message). */
import { WIDGET_LIMITS, type TPageInfo } from "../../lib/widget/protocol";

/**
 * Fragments are dropped (they can carry tokens, e.g. `#access_token=`), except hash-router
 * paths (`#/orders`, `#!/orders`), which are the page for single-page apps that route by hash.
 */
export function pageInfo(href: string, title: string, referrer: string): TPageInfo {
  const hashAt = href.indexOf("#");
  const hash = hashAt < 0 ? "" : href.slice(hashAt);
  const url = (hashAt < 0 ? href : href.slice(0, hashAt)) + (/^#!?\//.test(hash) ? hash : "");
  return {
    url: url.slice(0, WIDGET_LIMITS.pageUrlMaxChars),
    title: title.slice(0, WIDGET_LIMITS.pageTitleMaxChars),
    referrer: referrer.slice(0, WIDGET_LIMITS.referrerMaxChars),
  };
}
