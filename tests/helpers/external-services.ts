/**
 * Optional external services for tests that need a real multi-session PostgreSQL or a
 * Redis server (ARCHITECTURE 11, 12). Read here, once, because lib/config/env.ts is the
 * app's only reader of process.env and these variables are not app configuration.
 * `.ci/run` sets both; without them the suites are reported as skipped.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;
export const TEST_REDIS_URL = process.env.REDIS_URL || undefined;

export function skipNotice(variable: string, example: string, what: string): string {
  return `SKIPPED: ${what} — set ${variable} (e.g. ${variable}=${example}) to run`;
}
