/** @jsxImportSource preact */
import { ICON_PATHS, type TIconName } from "../../shared/icons";

export function Icon({ name }: { name: TIconName }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {ICON_PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
