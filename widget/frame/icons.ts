/** Icons only the chat frame draws (the loader's bundle keeps to widget/shared/icons.ts). */
import { ICON_PATHS, type TIconName } from "../shared/icons";

export type TFrameIconName = TIconName | "more" | "person" | "star";

export const FRAME_ICON_PATHS: Record<TFrameIconName, string[]> = {
  ...ICON_PATHS,
  more: ["M11 5a1 1 0 1 0 2 0 1 1 0 1 0-2 0z", "M11 12a1 1 0 1 0 2 0 1 1 0 1 0-2 0z", "M11 19a1 1 0 1 0 2 0 1 1 0 1 0-2 0z"],
  person: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 21a8 8 0 0 1 16 0"],
  star: ["M12 2.8l2.8 5.8 6.3.9-4.6 4.5 1.1 6.3L12 17.3l-5.6 3 1.1-6.3-4.6-4.5 6.3-.9z"],
};
