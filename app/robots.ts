import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site/urls";

export const dynamic = "force-dynamic";

/** The public site may be crawled; the app, the API and internal tools may not. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/dashboard", "/api", "/console", "/dev", "/invite"] }],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
