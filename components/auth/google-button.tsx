"use client";

import { signIn } from "next-auth/react";
import { GoogleMark } from "./icons";
import { NavigatingButton } from "./action-buttons";

export function GoogleButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  return (
    <NavigatingButton navigate={() => signIn("google", { callbackUrl })} icon={<GoogleMark />}>
      {label}
    </NavigatingButton>
  );
}

export function OrDivider({ label }: { label: string }) {
  return (
    <div className="my-6 flex items-center gap-3 text-xs font-medium uppercase tracking-wide text-slate-400" role="separator">
      <span className="h-px flex-1 bg-slate-200" />
      {label}
      <span className="h-px flex-1 bg-slate-200" />
    </div>
  );
}
