"use client";

import { useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * Full-width secondary button that starts a navigation away (next-auth sign-in or sign-out):
 * it spins until the page leaves and becomes usable again if the call fails.
 * The icon is hidden while the spinner shows.
 */
export function NavigatingButton({ navigate, icon, children }: { navigate: () => Promise<unknown>; icon?: ReactNode; children: ReactNode }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      loading={pending}
      onClick={() => {
        setPending(true);
        void navigate().catch(() => setPending(false));
      }}
    >
      {!pending && icon}
      {children}
    </Button>
  );
}

/**
 * The one large button of a confirm screen (verify the address, accept the invitation):
 * runs the call in a transition and spins meanwhile. Errors are the caller's to show.
 */
export function ActionButton({ run, children }: { run: () => Promise<void>; children: ReactNode }) {
  const [pending, start] = useTransition();
  return (
    <Button className="w-full" size="lg" loading={pending} onClick={() => start(run)}>
      {children}
    </Button>
  );
}
