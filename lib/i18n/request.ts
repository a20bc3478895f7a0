import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, PATH_HEADER, resolveLocale, type TLocale } from "./locale";
import { loadMessages } from "./messages";

export default getRequestConfig(async ({ requestLocale }) => {
  const explicit = await requestLocale;
  const [h, c] = await Promise.all([headers(), cookies()]);
  const locale: TLocale =
    explicit === "de" || explicit === "en"
      ? explicit
      : resolveLocale({
          pathname: h.get(PATH_HEADER),
          cookie: c.get(LOCALE_COOKIE)?.value,
          acceptLanguage: h.get("accept-language"),
        });
  return { locale, messages: await loadMessages(locale), timeZone: "Europe/Berlin" };
});
