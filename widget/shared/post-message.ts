/**
 * Shape checks for the loader <-> frame postMessage protocol (lib/widget/protocol.ts).
 * Hand-written rather than zod: the loader's budget is 8 KB gzipped for everything.
 * Origin and source-window checks happen at the listeners; these only vet the data.
 */
import { LIVE_CHAT_LIMITS, VISITOR_KEY_PATTERN, type TInvitation } from "../../lib/live-chat/protocol";
import { POST_MESSAGE_SOURCE, WIDGET_LIMITS, type TFrameToLoader, type TLoaderToFrame, type TWidgetEventName } from "../../lib/widget/protocol";
import { isSessionToken } from "./session-token";

const EVENT_NAMES: readonly TWidgetEventName[] = ["open", "close", "message", "session:end", "ready"];
/** 128 random bits in base64url (lib/live-chat/invitations.ts); `invitation:accept` takes nothing else. */
const INVITATION_ID = /^[\w-]{22}$/;
const NAME_MAX_CHARS = 200;
const URL_MAX_CHARS = 2048;

type TRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is TRecord => typeof value === "object" && value !== null && !Array.isArray(value);
const isShortString = (value: unknown, max: number): value is string => typeof value === "string" && value.length <= max;
const isOptionalShortString = (value: unknown, max: number) => value === undefined || isShortString(value, max);

function envelope(data: unknown): TRecord | null {
  return isRecord(data) && data.source === POST_MESSAGE_SOURCE && typeof data.type === "string" ? data : null;
}

/**
 * An operator's invitation as the presence beacon, the loader and the /widget socket hand it
 * on. Its texts are shown as text only; the avatar address is checked again where it is used.
 */
export function isInvitation(value: unknown): value is TInvitation {
  if (!isRecord(value) || !isRecord(value.operator)) return false;
  const { invitationId, operator, text } = value;
  return (
    typeof invitationId === "string" &&
    INVITATION_ID.test(invitationId) &&
    isShortString(operator.name, NAME_MAX_CHARS) &&
    (operator.avatarUrl === null || isShortString(operator.avatarUrl, URL_MAX_CHARS)) &&
    isShortString(text, LIVE_CHAT_LIMITS.invitationMaxChars) &&
    text.trim() !== ""
  );
}

export function isFrameToLoader(data: unknown): data is TFrameToLoader {
  const message = envelope(data);
  if (!message) return false;
  switch (message.type) {
    case "ready":
      return typeof message.hasSession === "boolean" && typeof message.open === "boolean";
    case "open":
    case "close":
      return true;
    case "unread":
      return typeof message.count === "number" && Number.isInteger(message.count) && message.count >= 0;
    case "command": {
      const command = message.command;
      return isRecord(command) && (command.type === "open" || command.type === "goto") && isShortString(command.url, URL_MAX_CHARS);
    }
    case "event":
      return EVENT_NAMES.includes(message.name as TWidgetEventName);
    case "session:store":
      return message.token === null || isSessionToken(message.token);
    default:
      return false;
  }
}

export function isLoaderToFrame(data: unknown): data is TLoaderToFrame {
  const message = envelope(data);
  if (!message) return false;
  switch (message.type) {
    case "open":
    case "close":
      return true;
    case "setVisitor": {
      const visitor = message.visitor;
      return isRecord(visitor) && isOptionalShortString(visitor.name, 200) && isOptionalShortString(visitor.email, 320);
    }
    case "page": {
      const page = message.page;
      return (
        isRecord(page) &&
        isShortString(page.url, WIDGET_LIMITS.pageUrlMaxChars) &&
        isShortString(page.title, WIDGET_LIMITS.pageTitleMaxChars) &&
        isShortString(page.referrer, WIDGET_LIMITS.referrerMaxChars)
      );
    }
    case "session":
      return message.token === null || isSessionToken(message.token);
    case "presence":
      return typeof message.visitorKey === "string" && VISITOR_KEY_PATTERN.test(message.visitorKey) && typeof message.humanAvailable === "boolean";
    case "invitation":
      return isInvitation(message.invitation);
    default:
      return false;
  }
}
