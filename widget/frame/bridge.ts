/**
 * The frame's side of the postMessage protocol: messages go to the exact host origin
 * from the `origin` query parameter, and only the parent window at that origin is heard.
 */
import { POST_MESSAGE_SOURCE, type TFrameToLoader, type TLoaderToFrame } from "../../lib/widget/protocol";
import { isLoaderToFrame } from "../shared/post-message";

type TOutgoing = TFrameToLoader extends infer T ? (T extends unknown ? Omit<T, "source"> : never) : never;

export type TBridge = {
  /** False when the page is opened on its own (no host page to talk to). */
  embedded: boolean;
  post(message: TOutgoing): void;
  listen(handler: (message: TLoaderToFrame) => void): () => void;
};

/** The host origin, if the query parameter holds exactly an origin (no path, no tricks). */
export function readHostOrigin(search: string): string | null {
  const raw = new URLSearchParams(search).get("origin");
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === raw ? raw : null;
  } catch {
    return null;
  }
}

export function createBridge(hostOrigin: string | null): TBridge {
  const parent = window.parent;
  const embedded = hostOrigin !== null && parent !== window;
  return {
    embedded,
    post(message) {
      if (embedded) parent.postMessage({ ...message, source: POST_MESSAGE_SOURCE }, hostOrigin as string);
    },
    listen(handler) {
      const onMessage = (event: MessageEvent) => {
        if (!embedded || event.origin !== hostOrigin || event.source !== parent || !isLoaderToFrame(event.data)) return;
        handler(event.data);
      };
      window.addEventListener("message", onMessage);
      return () => window.removeEventListener("message", onMessage);
    },
  };
}
