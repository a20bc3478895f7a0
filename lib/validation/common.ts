import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email address is too long")
  .pipe(z.email("Enter a valid email address"));

export const ZName = z.string().trim().min(1, "Required").max(100, "At most 100 characters");

export const ZWorkspaceName = z.string().trim().min(2, "At least 2 characters").max(60, "At most 60 characters");

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "At least 3 characters")
  .max(40, "At most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Only lowercase letters, digits and hyphens")
  .refine((v) => !RESERVED_SLUGS.has(v), "This address is reserved");

/** Paths under /dashboard that are not workspaces. */
export const RESERVED_SLUGS = new Set(["new", "account", "api", "admin", "settings", "login", "signup"]);

export const ZRole = z.enum(["owner", "admin", "operator"]);
export type TRole = z.infer<typeof ZRole>;

/** A host name for the widget allow-list; "*.example.com" allows subdomains. */
export const ZDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
  .pipe(
    z
      .string()
      .max(253)
      .regex(
        /^(\*\.)?(localhost|([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(:\d{1,5})?$/,
        "Enter a domain such as example.com or *.example.com",
      ),
  );

export const ZLocale = z.enum(["de", "en"]);

export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/g, "");
}
