import path from "node:path";
import { describe, expect, it } from "vitest";
import { env, EnvError, parseEnv, setRuntimeEnv } from "@/lib/config/env";

function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv: a bad value stops the process with one line naming the variable", () => {
  it.each([
    ["PORT", "abc"],
    ["PORT", "0"],
    ["PORT", "70000"],
    ["PORT", "80.5"],
    ["DATABASE_URL", "not a url"],
    ["DATABASE_URL", "mysql://user@db:3306/chatwerk"],
    ["REDIS_URL", "http://127.0.0.1:6379"],
    ["BASE_URL", "ftp://example.com"],
    ["SMTP_URL", "https://mail.example.com"],
    ["ENCRYPTION_KEY", "not-hex"],
    ["ENCRYPTION_KEY", "ab".repeat(31)],
    ["ENCRYPTION_KEY", `${"ab".repeat(32)}0`],
    ["NEXTAUTH_SECRET", "too-short"],
    ["OPERATOR_EMAIL", "not-an-email"],
    ["NODE_ENV", "staging"],
    ["SEED_DEMO", "yes"],
    ["DB_POOL_SIZE", "0"],
    ["EMBEDDED_SHARED_BUFFERS_MB", "8"],
    ["EMBEDDED_SHARED_BUFFERS_MB", "4096"],
  ])("%s=%j", (name, value) => {
    const error = envError({ [name]: value });
    expect(error.message).toMatch(new RegExp(`^Invalid environment variable ${name}: \\S`));
    expect(error.message).not.toContain("\n");
  });

  it("names GOOGLE_CLIENT_SECRET when only the client id is set", () => {
    const error = envError({ GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com" });
    expect(error.message).toMatch(/^Invalid environment variable GOOGLE_CLIENT_SECRET: /);
    expect(error.message).not.toContain("\n");
  });

  it("names GOOGLE_CLIENT_ID when only the secret is set", () => {
    expect(envError({ GOOGLE_CLIENT_SECRET: "secret" }).message).toMatch(
      /^Invalid environment variable GOOGLE_CLIENT_ID: /,
    );
  });

  it("accepts valid values", () => {
    const parsed = parseEnv({
      PORT: "8080",
      DATABASE_URL: "postgresql://chatwerk:pw@db.internal:5432/chatwerk",
      REDIS_URL: "rediss://cache.internal:6380",
      ENCRYPTION_KEY: "AB".repeat(32),
      NEXTAUTH_SECRET: "x".repeat(32),
      GOOGLE_CLIENT_ID: "id",
      GOOGLE_CLIENT_SECRET: "secret",
      SMTP_URL: "smtps://user:pw@mail.example.com:465",
    });
    expect(parsed.PORT).toBe(8080);
    expect(parsed.DATABASE_URL).toBe("postgresql://chatwerk:pw@db.internal:5432/chatwerk");
    expect(parsed.googleEnabled).toBe(true);
  });
});

describe("parseEnv defaults", () => {
  it("needs no configuration at all", () => {
    const parsed = parseEnv({});
    expect(parsed).toMatchObject({
      NODE_ENV: "production",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./.data",
      SEED_DEMO: "true",
      LOG_LEVEL: "info",
      DB_POOL_SIZE: 10,
      EMBEDDED_SHARED_BUFFERS_MB: 256,
      googleEnabled: false,
    });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.REDIS_URL).toBeUndefined();
    expect(parsed.SMTP_URL).toBeUndefined();
    expect(parsed.dataDir).toBe(path.resolve(".data"));
    expect(parsed.baseUrl).toBe("http://localhost:3000");
  });

  it("treats empty and blank values as unset", () => {
    const parsed = parseEnv({ DATABASE_URL: "", REDIS_URL: "   ", ENCRYPTION_KEY: "", GOOGLE_CLIENT_ID: "", GOOGLE_CLIENT_SECRET: "" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.REDIS_URL).toBeUndefined();
    expect(parsed.ENCRYPTION_KEY).toBeUndefined();
    expect(parsed.googleEnabled).toBe(false);
  });

  it("resolves DATA_DIR to an absolute path", () => {
    expect(parseEnv({ DATA_DIR: "var/chatwerk" }).dataDir).toBe(path.resolve("var/chatwerk"));
    expect(parseEnv({ DATA_DIR: "/srv/chatwerk" }).dataDir).toBe("/srv/chatwerk");
  });
});

describe("parseEnv baseUrl", () => {
  it.each([
    [{ PORT: "8080" }, "http://localhost:8080"],
    [{ HOST: "::", PORT: "4000" }, "http://localhost:4000"],
    [{ HOST: "127.0.0.1", PORT: "4000" }, "http://127.0.0.1:4000"],
    [{ HOST: "chat.internal" }, "http://chat.internal:3000"],
    [{ BASE_URL: "https://chat.example.com" }, "https://chat.example.com"],
    [{ BASE_URL: "https://chat.example.com/", PORT: "8080" }, "https://chat.example.com"],
    [{ BASE_URL: "https://example.com/support//" }, "https://example.com/support"],
  ])("%j → %s", (source, expected) => {
    expect(parseEnv(source).baseUrl).toBe(expected);
  });
});

describe("env() and setRuntimeEnv", () => {
  it("parses once and re-parses after a runtime change", () => {
    setRuntimeEnv({ PORT: "4123", BASE_URL: "" });
    const first = env();
    expect(first.PORT).toBe(4123);
    expect(env()).toBe(first);
    setRuntimeEnv({ PORT: "4124" });
    expect(env().PORT).toBe(4124);
    expect(env().baseUrl).toBe("http://localhost:4124");
  });

  // Regression (found by this suite, fixed in lib):
  it("treats an undefined value as unsetting the variable", () => {
    setRuntimeEnv({ BASE_URL: "https://chat.example.com" });
    setRuntimeEnv({ BASE_URL: undefined });
    expect(() => env()).not.toThrow();
    expect(env().BASE_URL).toBeUndefined();
  });
});
