import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/auth-options";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { RATE_LIMITS } from "@/lib/rate-limit/rate-limit";
import { expectAppError } from "../helpers/errors";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const meta = { ip: "203.0.113.20" };
const LOGIN_LIMIT = RATE_LIMITS.login.points;

describe("authorizeCredentials", () => {
  it("signs in a verified user and returns the token version", async () => {
    const user = await createUser({ name: "Vera" });
    await expect(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta)).resolves.toEqual({
      id: user.id,
      email: user.email,
      name: "Vera",
      tokenVersion: 0,
    });
  });

  it("accepts the address in any case and with spaces", async () => {
    const user = await createUser();
    await expect(authorizeCredentials({ email: ` ${user.email.toUpperCase()} `, password: TEST_PASSWORD }, meta)).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("refuses an unverified account with email_not_verified, but only after the right password", async () => {
    const user = await createUser({ verified: false });
    const error = await expectAppError(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta), "email_not_verified");
    expect(error.status).toBe(403);
    // A wrong password must not reveal that the account exists but is unverified.
    await expectAppError(authorizeCredentials({ email: user.email, password: "wrong password 123" }, meta), "unauthorized");
  });

  it("answers a wrong password and an unknown address the same way", async () => {
    const user = await createUser();
    const wrong = await expectAppError(authorizeCredentials({ email: user.email, password: "wrong password 123" }, meta), "unauthorized");
    const unknown = await expectAppError(authorizeCredentials({ email: uniqueEmail("ghost"), password: TEST_PASSWORD }, meta), "unauthorized");
    expect(wrong.status).toBe(401);
    expect(unknown.message).toBe(wrong.message);
  });

  it.each([
    ["an invalid address", { email: "not-an-email", password: TEST_PASSWORD }],
    ["an empty password", { email: "someone@example.com", password: "" }],
  ])("refuses %s", async (_, input) => {
    await expectAppError(authorizeCredentials(input, meta), "unauthorized");
  });

  it(`locks an address out for this IP after ${LOGIN_LIMIT} attempts, even with the right password`, async () => {
    const user = await createUser();
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      await expectAppError(authorizeCredentials({ email: user.email, password: `wrong password ${i}` }, meta), "unauthorized");
    }
    const error = await expectAppError(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta), "rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(RATE_LIMITS.login.duration);

    // Another IP, and another address from the same IP, are not locked out.
    await expect(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, { ip: "203.0.113.21" })).resolves.toMatchObject({ id: user.id });
    const other = await createUser();
    await expect(authorizeCredentials({ email: other.email, password: TEST_PASSWORD }, meta)).resolves.toMatchObject({ id: other.id });
  });

  it("counts attempts per address regardless of case", async () => {
    const user = await createUser();
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const email = i % 2 ? user.email.toUpperCase() : user.email;
      await expectAppError(authorizeCredentials({ email, password: `wrong password ${i}` }, meta), "unauthorized");
    }
    await expectAppError(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta), "rate_limited");
  });

  it("starts counting afresh after a successful sign-in", async () => {
    const user = await createUser();
    for (let i = 0; i < LOGIN_LIMIT - 1; i++) {
      await expectAppError(authorizeCredentials({ email: user.email, password: `wrong password ${i}` }, meta), "unauthorized");
    }
    await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta);
    for (let i = 0; i < LOGIN_LIMIT - 1; i++) {
      await expectAppError(authorizeCredentials({ email: user.email, password: `wrong again ${i}` }, meta), "unauthorized");
    }
    await expect(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta)).resolves.toMatchObject({ id: user.id });
  });

  // Regression (found by this suite, fixed in lib):
  it("limits guesses at one account even when every request claims another client IP", async () => {
    const user = await createUser();
    const forged = (i: number) => ({ ip: clientIp(new Headers({ "x-forwarded-for": `198.51.100.${i}` })) });
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      await expectAppError(authorizeCredentials({ email: user.email, password: `wrong password ${i}` }, forged(i)), "unauthorized");
    }
    await expectAppError(authorizeCredentials({ email: user.email, password: "one more guess" }, forged(200)), "rate_limited");
  });
});
