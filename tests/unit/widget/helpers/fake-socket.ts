/** Just enough of a socket.io client socket to drive the frame's logic. */
export class FakeSocket {
  handlers = new Map<string, ((payload: unknown) => void)[]>();
  emitted: { event: string; payload: unknown }[] = [];
  acks: { event: string; payload: unknown; resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  connected = true;
  on(event: string, handler: (payload: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) =>
        new Promise((resolve, reject) => {
          this.emitted.push({ event, payload });
          this.acks.push({ event, payload, resolve, reject });
        }),
    };
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  connect() {
    this.connected = true;
    return this;
  }
  serverEmit(event: string, payload: unknown) {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }
  /** The pending ack of the latest `event`. */
  ack(event: string) {
    return this.acks.filter((item) => item.event === event).at(-1);
  }
}
