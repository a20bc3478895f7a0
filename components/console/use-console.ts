"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { createConsoleClient, type TConsoleSignal } from "./console-client";
import { initialConsoleState } from "./console-state";

/** One console client per mounted console; components re-render from its state. */
export function useConsole(slug: string, onSignal: (signal: TConsoleSignal) => void) {
  const [client] = useState(() => createConsoleClient({ slug }));
  useEffect(() => client.onSignal(onSignal), [client, onSignal]);
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState, () => initialConsoleState);
  return { client, state };
}

/** The current time, refreshed every `intervalMs` (waiting times, time on page). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
