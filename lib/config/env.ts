import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env (lint bans it elsewhere). Every variable is validated
 * once; a bad value stops the process with one line naming the variable.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalUrl = (protocols: string[]) =>
  optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(" or ")})` },
  );

/** See docs/decisions/017-embedded-buffer-cache.md. */
export const EMBEDDED_SHARED_BUFFERS_DEFAULT_MB = 256;

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number({ message: "must be a port number" }).int("must be a port number").min(1, "must be 1-65535").max(65535, "must be 1-65535").default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  BASE_URL: optionalUrl(["http:", "https:"]),
  DATA_DIR: z.string().min(1).default("./.data"),
  DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
  REDIS_URL: optionalUrl(["redis:", "rediss:"]),
  /** Starts every Redis key and socket.io channel of this installation (several may share one Redis). */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1-32 letters, digits, - or _").default("cw"),
  NEXTAUTH_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: "must be at least 32 characters",
  }),
  ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || /^[0-9a-f]{64}$/i.test(v), {
    message: "must be 64 hex characters (32 bytes)",
  }),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  SMTP_URL: optionalUrl(["smtp:", "smtps:"]),
  MAIL_FROM: optionalString,
  DEV_MAILBOX: z.enum(["auto", "true", "false"]).default("auto"),
  OPERATOR_NAME: optionalString,
  OPERATOR_ADDRESS: optionalString,
  OPERATOR_EMAIL: optionalString.refine((v) => v === undefined || z.email().safeParse(v).success, {
    message: "must be an email address",
  }),
  OPERATOR_PHONE: optionalString,
  OPERATOR_VAT_ID: optionalString,
  OPERATOR_REPRESENTATIVE: optionalString,
  OPERATOR_REGISTER: optionalString,
  NEXTAUTH_URL: optionalString,
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  RATE_LIMIT_SCALE: z.coerce.number().min(0.1).max(1000).default(1),
  KB_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // Hosts the crawler may fetch although they resolve to private addresses (tests, intranets).
  FETCH_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** The embedded database's buffer cache (PostgreSQL shared_buffers) in MB; pages are only resident once read. */
  EMBEDDED_SHARED_BUFFERS_MB: z.coerce.number().int().min(16).max(1024).default(EMBEDDED_SHARED_BUFFERS_DEFAULT_MB),
  // --- Billing (docs/operations.md "Billing") ---
  STRIPE_SECRET_KEY: optionalString.refine((v) => v === undefined || /^(sk|rk)_(test|live)_/.test(v), {
    message: "must be a Stripe secret or restricted key (sk_test_…, sk_live_…)",
  }),
  STRIPE_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || v.startsWith("whsec_"), { message: "must start with whsec_" }),
  // Another Stripe API endpoint (a local fake in tests, stripe-mock); unset = api.stripe.com.
  STRIPE_API_URL: optionalUrl(["http:", "https:"]),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  // Added to the provider's price of answers paid with the platform's keys, in percent.
  BILLING_MARKUP_PERCENT: z.coerce.number().int().min(0).max(1000).default(20),
  // What one answer of the built-in offline provider costs, in millicents (1/1000 cent).
  BILLING_OFFLINE_ANSWER_MILLICENTS: z.coerce.number().int().min(0).max(1_000_000).default(0),
  // Platform fee per answer when a workspace uses its own provider key, in millicents.
  BILLING_OWN_KEY_FEE_MILLICENTS: z.coerce.number().int().min(0).max(1_000_000).default(0),
  BILLING_TOP_UP_MIN_CENTS: z.coerce.number().int().min(100).max(1_000_000).default(500),
  BILLING_TOP_UP_MAX_CENTS: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
  BILLING_REMINDER_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  // The platform's own model keys: answers of bots without the workspace's own key use them
  // and are charged at the model's price plus BILLING_MARKUP_PERCENT.
  PLATFORM_OPENAI_API_KEY: optionalString,
  PLATFORM_OPENAI_BASE_URL: optionalUrl(["http:", "https:"]),
  PLATFORM_GEMINI_API_KEY: optionalString,
  PLATFORM_GEMINI_BASE_URL: optionalUrl(["http:", "https:"]),
});

export type TEnv = z.infer<typeof ZEnv> & {
  dataDir: string;
  baseUrl: string;
  googleEnabled: boolean;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new EnvError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  const env = result.data;
  if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
    const missing = env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID";
    throw new EnvError(`Invalid environment variable ${missing}: required when the other Google variable is set`);
  }
  if (env.BILLING_TOP_UP_MIN_CENTS > env.BILLING_TOP_UP_MAX_CENTS) {
    throw new EnvError("Invalid environment variable BILLING_TOP_UP_MIN_CENTS: must not exceed BILLING_TOP_UP_MAX_CENTS");
  }
  const publicHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    baseUrl: (env.BASE_URL ?? `http://${publicHost}:${env.PORT}`).replace(/\/+$/, ""),
    googleEnabled: Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET),
  };
}

const globalForEnv = globalThis as unknown as { __chatwerkEnv?: TEnv };

/** Validated configuration, parsed on first use. */
export function env(): TEnv {
  globalForEnv.__chatwerkEnv ??= parseEnv(process.env);
  return globalForEnv.__chatwerkEnv;
}

/** Values the runtime (not the operator) decides, such as generated secrets. */
export function setRuntimeEnv(patch: Partial<Record<string, string>>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  globalForEnv.__chatwerkEnv = undefined;
}
