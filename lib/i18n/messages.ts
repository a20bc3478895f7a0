import type { TLocale } from "./locale";

/** UI strings: messages/<locale>/<namespace>.json, one file per area so areas evolve independently. */
export const MESSAGE_NAMESPACES = ["common", "auth", "dashboard", "marketing"] as const;

export async function loadMessages(locale: TLocale) {
  const entries = await Promise.all(
    MESSAGE_NAMESPACES.map(async (ns) => [ns, (await import(`../../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
