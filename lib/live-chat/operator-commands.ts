import { env } from "../config/env";
import { matchesAnyDomain } from "../net/domain-match";
import { refuse } from "./find-conversation";

/**
 * `open: URL` (a new window for the visitor) and `goto: URL` (the visitor's page navigates),
 * typed by an operator at the start of a message. Only http(s) addresses on the workspace's
 * allowed widget domains (or our own site) are sent: an operator's slip, or a stolen console
 * session, must not send visitors to a foreign site. An empty domain list allows no command.
 */
export type TOperatorCommand = { type: "open" | "goto"; url: string };

const COMMAND = /^(open|goto):\s*(\S+)\s*$/i;

export function parseCommand(text: string): { type: "open" | "goto"; raw: string } | null {
  const match = COMMAND.exec(text.trim());
  return match ? { type: match[1]!.toLowerCase() as "open" | "goto", raw: match[2]! } : null;
}

export function resolveCommand(command: { type: "open" | "goto"; raw: string }, allowedDomains: string[]): TOperatorCommand {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(command.raw) ? command.raw : `https://${command.raw}`);
  } catch {
    throw refuse("command_invalid_url", `"${command.raw.slice(0, 100)}" is not a web address.`, "validation_failed");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("command_invalid_url", "Only http and https addresses can be opened.", "validation_failed");
  if (url.username || url.password) throw refuse("command_invalid_url", "Addresses with a user name or password are not sent.", "validation_failed");
  const ownHost = new URL(env().baseUrl).hostname;
  if (url.hostname !== ownHost && !matchesAnyDomain(url.hostname, allowedDomains)) {
    throw refuse(
      "command_domain_not_allowed",
      allowedDomains.length
        ? `${url.hostname} is not one of the workspace's allowed widget domains (${allowedDomains.join(", ")}).`
        : `${url.hostname} is not allowed: add your site under allowed widget domains in the workspace settings first.`,
      "forbidden",
    );
  }
  return { type: command.type, url: url.href };
}
