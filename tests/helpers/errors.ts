import { expect } from "vitest";
import { ZodError } from "zod";
import { AppError, type TErrorCode } from "@/lib/errors/app-error";

/** Awaits a call that must fail with an AppError of `code`; returns the error. */
export async function expectAppError(call: Promise<unknown>, code: TErrorCode): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected an AppError "${code}", but the call succeeded`).toBeDefined();
  expect(error, String(error)).toBeInstanceOf(AppError);
  expect((error as AppError).code, (error as AppError).message).toBe(code);
  return error as AppError;
}

/** Awaits a call that must fail input validation; returns the ZodError. */
export async function expectZodError(call: Promise<unknown>): Promise<ZodError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a validation error, but the call succeeded").toBeInstanceOf(ZodError);
  return error as ZodError;
}
