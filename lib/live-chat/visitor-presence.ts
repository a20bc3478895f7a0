import type { Redis } from "ioredis";
import { redis, redisKey } from "../redis/redis";
import type { TInvitation, TLiveVisitor } from "./protocol";

/**
 * Who is on a site with the widget right now, for the console's live visitor list. Never
 * persisted in the database (ARCHITECTURE 12, privacy of visitors): an entry lives for about
 * three beacon beats and is tied to one page load (`visitorKey`). In memory on a single node;
 * in Redis (hashes with expiry) when REDIS_URL is set, so every node sees every visitor
 * whichever node their beacon reached. Pending invitations and their records live here too.
 */
export type TPresenceEntry = TLiveVisitor & { expiresAt: number };

export type TInvitationRecord = { invitationId: string; workspaceId: string; botId: string; visitorKey: string; userId: string; text: string; operator: TInvitation["operator"] };

export interface TPresenceStore {
  upsert(workspaceId: string, entry: TPresenceEntry): Promise<void>;
  get(workspaceId: string, visitorKey: string): Promise<TPresenceEntry | null>;
  /** Live entries, newest page first; expired ones are dropped. */
  list(workspaceId: string, now?: number): Promise<TPresenceEntry[]>;
  /** Remembers which conversation a page load belongs to (set once the visitor has one). */
  link(visitorKey: string, conversationId: string, ttlSeconds: number): Promise<void>;
  linkedConversations(visitorKeys: string[]): Promise<Map<string, string>>;
  /** Drops expired entries; returns the workspaces whose list changed. */
  expire(now?: number): Promise<string[]>;
  putPendingInvitation(visitorKey: string, invitation: TInvitation, ttlSeconds: number): Promise<void>;
  takePendingInvitation(visitorKey: string): Promise<TInvitation | null>;
  putInvitation(record: TInvitationRecord, ttlSeconds: number): Promise<void>;
  /** Returns the record and deletes it: an invitation is answered once. */
  takeInvitation(invitationId: string): Promise<TInvitationRecord | null>;
}

const LIST_MAX = 500;

/** Pending invitations are kept per workspace and page load. */
export const pendingKey = (workspaceId: string, visitorKey: string) => `${workspaceId}:${visitorKey}`;

function sortAndCap(entries: TPresenceEntry[]) {
  return entries.sort((a, b) => b.pageSince.localeCompare(a.pageSince)).slice(0, LIST_MAX);
}

class MemoryPresence implements TPresenceStore {
  private visitors = new Map<string, Map<string, TPresenceEntry>>();
  private links = new Map<string, { conversationId: string; expiresAt: number }>();
  private pending = new Map<string, { invitation: TInvitation; expiresAt: number }>();
  private invitations = new Map<string, { record: TInvitationRecord; expiresAt: number }>();

  async upsert(workspaceId: string, entry: TPresenceEntry) {
    let map = this.visitors.get(workspaceId);
    if (!map) this.visitors.set(workspaceId, (map = new Map()));
    map.set(entry.visitorKey, entry);
  }
  async get(workspaceId: string, visitorKey: string) {
    const entry = this.visitors.get(workspaceId)?.get(visitorKey);
    return entry && entry.expiresAt > Date.now() ? entry : null;
  }
  async list(workspaceId: string, now = Date.now()) {
    return sortAndCap([...(this.visitors.get(workspaceId)?.values() ?? [])].filter((e) => e.expiresAt > now));
  }
  async link(visitorKey: string, conversationId: string, ttlSeconds: number) {
    this.links.set(visitorKey, { conversationId, expiresAt: Date.now() + ttlSeconds * 1000 });
  }
  async linkedConversations(visitorKeys: string[]) {
    const now = Date.now();
    const out = new Map<string, string>();
    for (const key of visitorKeys) {
      const link = this.links.get(key);
      if (link && link.expiresAt > now) out.set(key, link.conversationId);
    }
    return out;
  }
  async expire(now = Date.now()) {
    const changed: string[] = [];
    for (const [workspaceId, map] of this.visitors) {
      let removed = false;
      for (const [key, entry] of map) {
        if (entry.expiresAt <= now) {
          map.delete(key);
          removed = true;
        }
      }
      if (!map.size) this.visitors.delete(workspaceId);
      if (removed) changed.push(workspaceId);
    }
    for (const store of [this.links, this.pending, this.invitations] as Map<string, { expiresAt: number }>[]) {
      for (const [key, value] of store) if (value.expiresAt <= now) store.delete(key);
    }
    return changed;
  }
  async putPendingInvitation(visitorKey: string, invitation: TInvitation, ttlSeconds: number) {
    this.pending.set(visitorKey, { invitation, expiresAt: Date.now() + ttlSeconds * 1000 });
  }
  async takePendingInvitation(visitorKey: string) {
    const hit = this.pending.get(visitorKey);
    this.pending.delete(visitorKey);
    return hit && hit.expiresAt > Date.now() ? hit.invitation : null;
  }
  async putInvitation(record: TInvitationRecord, ttlSeconds: number) {
    this.invitations.set(record.invitationId, { record, expiresAt: Date.now() + ttlSeconds * 1000 });
  }
  async takeInvitation(invitationId: string) {
    const hit = this.invitations.get(invitationId);
    this.invitations.delete(invitationId);
    return hit && hit.expiresAt > Date.now() ? hit.record : null;
  }
}

const K = {
  visitors: (workspaceId: string) => redisKey("presence", workspaceId),
  get workspaces() {
    return redisKey("presence", "workspaces");
  },
  link: (visitorKey: string) => redisKey("presence", "link", visitorKey),
  pending: (visitorKey: string) => redisKey("invite", "pending", visitorKey),
  invitation: (invitationId: string) => redisKey("invite", invitationId),
};

const parse = <T>(raw: string | null | undefined): T | null => {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
};

class RedisPresence implements TPresenceStore {
  constructor(private client: Redis) {}

  async upsert(workspaceId: string, entry: TPresenceEntry) {
    const ttlMs = Math.max(1000, entry.expiresAt - Date.now());
    await this.client
      .multi()
      .hset(K.visitors(workspaceId), entry.visitorKey, JSON.stringify(entry))
      .pexpire(K.visitors(workspaceId), ttlMs * 4)
      .sadd(K.workspaces, workspaceId)
      .exec();
  }
  async get(workspaceId: string, visitorKey: string) {
    const entry = parse<TPresenceEntry>(await this.client.hget(K.visitors(workspaceId), visitorKey));
    return entry && entry.expiresAt > Date.now() ? entry : null;
  }
  async list(workspaceId: string, now = Date.now()) {
    const all = await this.client.hgetall(K.visitors(workspaceId));
    return sortAndCap(Object.values(all).map((raw) => parse<TPresenceEntry>(raw)).filter((e): e is TPresenceEntry => Boolean(e && e.expiresAt > now)));
  }
  async link(visitorKey: string, conversationId: string, ttlSeconds: number) {
    await this.client.set(K.link(visitorKey), conversationId, "EX", ttlSeconds);
  }
  async linkedConversations(visitorKeys: string[]) {
    const out = new Map<string, string>();
    if (!visitorKeys.length) return out;
    const values = await this.client.mget(...visitorKeys.map(K.link));
    visitorKeys.forEach((key, i) => {
      if (values[i]) out.set(key, values[i]!);
    });
    return out;
  }
  async expire(now = Date.now()) {
    const changed: string[] = [];
    for (const workspaceId of await this.client.smembers(K.workspaces)) {
      const all = await this.client.hgetall(K.visitors(workspaceId));
      const stale = Object.entries(all).filter(([, raw]) => (parse<TPresenceEntry>(raw)?.expiresAt ?? 0) <= now).map(([key]) => key);
      // HDEL reports what this node removed: when several nodes sweep, one of them publishes.
      if (stale.length && (await this.client.hdel(K.visitors(workspaceId), ...stale)) > 0) changed.push(workspaceId);
      if (Object.keys(all).length === stale.length) await this.client.srem(K.workspaces, workspaceId);
    }
    return changed;
  }
  async putPendingInvitation(visitorKey: string, invitation: TInvitation, ttlSeconds: number) {
    await this.client.set(K.pending(visitorKey), JSON.stringify(invitation), "EX", ttlSeconds);
  }
  async takePendingInvitation(visitorKey: string) {
    const result = await this.client.multi().get(K.pending(visitorKey)).del(K.pending(visitorKey)).exec();
    return parse<TInvitation>(result?.[0]?.[1] as string | null);
  }
  async putInvitation(record: TInvitationRecord, ttlSeconds: number) {
    await this.client.set(K.invitation(record.invitationId), JSON.stringify(record), "EX", ttlSeconds);
  }
  async takeInvitation(invitationId: string) {
    const result = await this.client.multi().get(K.invitation(invitationId)).del(K.invitation(invitationId)).exec();
    return parse<TInvitationRecord>(result?.[0]?.[1] as string | null);
  }
}

const g = globalThis as unknown as { __chatwerkPresence?: { client: Redis | undefined; store: TPresenceStore } };

/** The store for this process: Redis when configured, else memory (shared by the server and Next's route handlers through globalThis). */
export function presenceStore(): TPresenceStore {
  const client = redis();
  if (!g.__chatwerkPresence || g.__chatwerkPresence.client !== client) {
    g.__chatwerkPresence = { client, store: client ? new RedisPresence(client) : new MemoryPresence() };
  }
  return g.__chatwerkPresence.store;
}
