import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { headers } from "next/headers";
import { MARKETING_ROUTES, PATH_HEADER } from "@/lib/i18n/locale";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Chatwerk", template: "%s · Chatwerk" },
  applicationName: "Chatwerk",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d5ef1" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  // Send the browser only the namespaces its area uses.
  const pathname = (await headers()).get(PATH_HEADER) ?? "";
  const marketing = MARKETING_ROUTES.some((r) => r.de === pathname || r.en === pathname);
  const all = await getMessages();
  const namespaces = marketing ? ["common", "marketing"] : ["common", "auth", "dashboard"];
  const messages = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider messages={messages} timeZone="Europe/Berlin">
          <ToastProvider>{children}</ToastProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
