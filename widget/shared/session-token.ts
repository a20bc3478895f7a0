/**
 * Session tokens are 256 random bits in base64url (43 characters), created by the server
 * (lib/chat/visitor-session.ts). Both sides of the postMessage protocol and both stores
 * check the shape, so nothing else can be smuggled into storage or the handshake.
 */
const SESSION_TOKEN = /^[\w-]{43}$/;

export const isSessionToken = (value: unknown): value is string => typeof value === "string" && SESSION_TOKEN.test(value);
