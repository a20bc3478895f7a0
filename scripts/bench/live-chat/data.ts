/**
 * The bench's data: the secrets the children and this process share, the workspace the first
 * product node seeds (`setup` in live-chat-node.ts: operators, visitor sessions, conversations
 * assigned round-robin), and the handshake auth derived from it for the product and the relay.
 */
import { randomBytes } from "node:crypto";
import { signConsoleToken } from "../../../lib/live-chat/console-token";
import type { TNodeSetup } from "../live-chat-node";
import type { TChild } from "./children";

export type TSecrets = { NEXTAUTH_SECRET: string; ENCRYPTION_KEY: string };

type TAuth = Record<string, unknown>[];

/** Fresh secrets for this run: operators authenticate with console tokens minted here. */
export function newSecrets(): TSecrets {
  return { NEXTAUTH_SECRET: randomBytes(32).toString("hex"), ENCRYPTION_KEY: randomBytes(32).toString("hex") };
}

/** Creates the bench workspace through the node that owns the fresh embedded database. */
export function seedWorkspace(node: TChild, conversations: number, operators: number): Promise<TNodeSetup> {
  return node.setup(conversations, operators);
}

/**
 * Handshake auth for the product's namespaces: operators get console tokens (minted anew for
 * every scenario), visitors their session tokens.
 */
export function productAuth(s: TNodeSetup): { operators: () => TAuth; visitors: TAuth } {
  return {
    operators: () =>
      s.operators.map((op) => ({ token: signConsoleToken({ userId: op.userId, workspaceId: s.workspaceId, tokenVersion: op.tokenVersion }).token, workspace: s.workspaceSlug })),
    visitors: s.visitors.map((v) => ({ botId: s.botPublicId, sessionId: v.token, locale: "de-DE" })),
  };
}

/** Handshake auth for the bare relay (live-chat-relay.ts): the same operators and conversation assignments. */
export function relayAuth(s: TNodeSetup): { operators: TAuth; visitors: TAuth } {
  return {
    operators: s.operators.map((op) => ({ userId: op.userId })),
    visitors: s.visitors.map((v) => ({ conversationId: v.conversationId, operatorUserId: s.operators[v.operator]!.userId })),
  };
}
