/**
 * The bench's clients (socket.io-client, websocket transport): one connection per operator
 * and per visitor, operators' `message:new` fed to the current phase's tracker.
 */
import { io as connect, type Socket } from "socket.io-client";
import type { TChild } from "./children";
import type { Tracker } from "./tracker";

export type TLoad = { visitors: Socket[]; operators: Socket[]; servers: TChild[]; current: { tracker: Tracker | null } };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connectSocket(url: string, auth: Record<string, unknown>, readyEvent: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, { path: "/socket.io/", transports: ["websocket"], auth, reconnection: false, forceNew: true, timeout: 60_000 });
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`No "${readyEvent}" from ${url} within 60 s`));
    }, 60_000);
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("connect_error", (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`connect_error from ${url}: ${error.message}`));
    });
  });
}

async function pool<T, R>(items: T[], concurrency: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!, i);
    }
  }));
  return out;
}

/** Connects the operators (10 at a time), then the visitors (20 at a time), then settles for 1 s. */
export async function openLoad(
  servers: TChild[],
  operatorUrl: string,
  operatorAuth: Record<string, unknown>[],
  visitorUrl: string,
  visitorAuth: Record<string, unknown>[],
  visitorReadyEvent = "session",
): Promise<TLoad> {
  const current: TLoad["current"] = { tracker: null };
  const operators = await pool(operatorAuth, 10, (auth) => connectSocket(`${operatorUrl}/operator`, auth, "ready"));
  const onMessage = (payload: { message?: { clientMessageId?: string | null } }) => current.tracker?.deliver(payload?.message?.clientMessageId);
  for (const socket of operators) socket.on("message:new", onMessage);
  const visitors = await pool(visitorAuth, 20, (auth) => connectSocket(`${visitorUrl}/widget`, auth, visitorReadyEvent));
  await sleep(1_000);
  return { visitors, operators, servers, current };
}

export async function closeLoad(load: TLoad) {
  for (const socket of [...load.visitors, ...load.operators]) socket.disconnect();
  await sleep(500);
}
