/** The live-chat bench's message tracker: every visitor message from emit to the operator's `message:new`. */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Socket } from "socket.io-client";
import { TEXT } from "./types";

type TAckResponse = { ok: boolean; error?: { code: string; message: string } };

const RUN_TAG = randomBytes(4).toString("hex");
let messageSeq = 0;

/** What is being measured right now: sent times by clientMessageId, latency samples, counts. */
export class Tracker {
  readonly sent = new Map<string, number>();
  readonly samples: number[] = [];
  windowStart = Number.POSITIVE_INFINITY;
  windowEnd = Number.POSITIVE_INFINITY;
  sentCount = 0;
  deliveredInWindow = 0;
  ackErrors = 0;
  firstAckError: string | null = null;
  /** Saturating phase: the next message of this visitor leaves when the previous one arrived. */
  onDelivered: ((visitor: number) => void) | null = null;

  constructor(private readonly visitors: Socket[]) {}

  send(visitor: number) {
    // Unique across phases and scenarios (the server de-duplicates by clientMessageId).
    const id = `${visitor}-${(messageSeq++).toString(36)}-${RUN_TAG}`;
    this.sentCount++;
    this.sent.set(id, performance.now());
    this.visitors[visitor]!.emit("message:send", { text: TEXT, clientMessageId: id }, (res: TAckResponse) => {
      if (res?.ok) return;
      this.ackErrors++;
      this.firstAckError ??= `${res?.error?.code}: ${res?.error?.message}`;
      // Refused messages never reach an operator: forget them (and keep the loop going).
      if (this.sent.delete(id)) this.onDelivered?.(visitor);
    });
  }

  deliver(id: string | null | undefined) {
    if (!id) return;
    const t0 = this.sent.get(id);
    if (t0 === undefined) return;
    this.sent.delete(id);
    const now = performance.now();
    if (t0 >= this.windowStart && t0 < this.windowEnd) this.samples.push(now - t0);
    if (now >= this.windowStart && now < this.windowEnd) this.deliveredInWindow++;
    if (this.onDelivered) this.onDelivered(Number.parseInt(id, 10));
  }

  /** Messages sent inside the measured window that have not arrived yet. */
  outstandingInWindow(): number {
    let n = 0;
    for (const t of this.sent.values()) if (t >= this.windowStart && t < this.windowEnd) n++;
    return n;
  }
}
