/** @jsxImportSource preact */
import { FRAME_ICON_PATHS, type TFrameIconName } from "../icons";

export function Icon({ name }: { name: TFrameIconName }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {FRAME_ICON_PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
