/**
 * What the composer's text means, decided without the DOM: a command for the visitor's page
 * (`open: URL` / `goto: URL`, the same rule the server applies), a canned-response search
 * (`/shortcut`), or a plain message.
 */
import type { TCannedResponse } from "@/lib/live-chat/protocol";
import { LIVE_CHAT_LIMITS } from "@/lib/live-chat/protocol";

const COMMAND = /^(open|goto):\s*(\S+)\s*$/i;

export type TComposerCommand = { type: "open" | "goto"; url: string };

/** `open: shop.example/a` → `{type: "open", url: "https://shop.example/a"}` (the server assumes https:// too). */
export function parseCommand(text: string): TComposerCommand | null {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  const raw = match[2]!;
  return { type: match[1]!.toLowerCase() as "open" | "goto", url: /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}` };
}

const CANNED_TRIGGER = /^\/([^\s/]*)$/;

/**
 * The canned-response search the composer's text asks for: the whole text is `/` followed
 * by a word (no spaces), e.g. `/vers` → `"vers"`; anything else is no search.
 */
export function cannedQuery(text: string): string | null {
  const match = CANNED_TRIGGER.exec(text);
  return match ? match[1]!.slice(0, LIVE_CHAT_LIMITS.cannedQueryMaxChars) : null;
}

/** A response's text with the visitor's name filled in where the team wrote `{name}`. */
export function cannedText(response: Pick<TCannedResponse, "text">, visitorName: string | null): string {
  return response.text.replace(/\{\s*name\s*\}/gi, visitorName ?? "").replace(/[ \t]+([,.!?])/g, "$1");
}

/** Moves a list selection by `step`, wrapping; -1 when the list is empty. */
export function moveSelection(index: number, step: number, length: number): number {
  if (length === 0) return -1;
  if (index < 0) return step > 0 ? 0 : length - 1;
  return (index + step + length) % length;
}

/** Whether a message may go out: not blank and within the limit. */
export function sendableText(text: string, internal: boolean): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const max = internal ? LIVE_CHAT_LIMITS.noteMaxChars : LIVE_CHAT_LIMITS.messageMaxChars;
  return trimmed.length > max ? null : trimmed;
}

/** 16 random bytes as 32 hex characters: a clientMessageId the server accepts (8–64 of A-Z a-z 0-9 _ -). */
export function newClientMessageId(source: Pick<Crypto, "getRandomValues"> = globalThis.crypto): string {
  const bytes = source.getRandomValues(new Uint8Array(16));
  return `op-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
