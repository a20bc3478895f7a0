/** @jsxImportSource preact */
import { useState } from "preact/hooks";
import { avatarSrc, initials } from "../avatar-url";
import type { TOperator } from "../live-state";
import { Icon } from "./icon";

/** An operator's picture, or their initials; decorative (their name is always written beside it). */
export function Avatar({ person, origin, small = false }: { person: TOperator; origin: string; small?: boolean }) {
  const [failed, setFailed] = useState<string | null>(null);
  const src = avatarSrc(person.avatarUrl, origin);
  const letters = initials(person.name);
  // A plain <img>: this is the Preact frame, not a Next page.
  // eslint-disable-next-line @next/next/no-img-element
  const picture = src && failed !== src ? <img src={src} alt="" onError={() => setFailed(src)} /> : null;
  return (
    <span class={small ? "cw-avatar cw-avatar-sm" : "cw-avatar"} aria-hidden="true">
      {picture ?? (letters ? <span class="cw-initials">{letters}</span> : <Icon name="person" />)}
    </span>
  );
}
