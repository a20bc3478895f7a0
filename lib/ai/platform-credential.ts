import { env } from "../config/env";

/**
 * The installation's own key for a provider (env PLATFORM_*), used for workspaces without
 * their own key; such answers are charged to the workspace's balance (lib/billing).
 */
export function platformCredential(provider: string): { apiKey: string; baseUrl?: string } | null {
  const cfg = env();
  if (provider === "openai" && cfg.PLATFORM_OPENAI_API_KEY) return { apiKey: cfg.PLATFORM_OPENAI_API_KEY, baseUrl: cfg.PLATFORM_OPENAI_BASE_URL };
  if (provider === "gemini" && cfg.PLATFORM_GEMINI_API_KEY) return { apiKey: cfg.PLATFORM_GEMINI_API_KEY, baseUrl: cfg.PLATFORM_GEMINI_BASE_URL };
  return null;
}
