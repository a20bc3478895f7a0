import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, type TErrorCode } from "@/lib/errors/app-error";
import { errorResponse, toErrorBody } from "@/lib/errors/to-response";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toErrorBody with AppError", () => {
  it.each(Object.entries(ERROR_STATUS) as [TErrorCode, number][])("%s → HTTP %i", (code, status) => {
    const { status: actual, body } = toErrorBody(new AppError(code, "Readable message."));
    expect(actual).toBe(status);
    expect(body).toEqual({ error: { code, message: "Readable message." } });
  });

  it("passes details and Retry-After through", () => {
    const error = new AppError("rate_limited", "Too many attempts.", { retryAfterSeconds: 42, details: { field: "email" } });
    const { status, body, headers } = toErrorBody(error);
    expect(status).toBe(429);
    expect(headers).toEqual({ "Retry-After": "42" });
    expect(body.error.details).toEqual({ field: "email" });
  });
});

describe("toErrorBody with ZodError", () => {
  it("is a 400 validation_failed naming the field", () => {
    const schema = z.object({ profile: z.object({ email: z.email("Enter a valid email address") }) });
    const result = schema.safeParse({ profile: { email: "nope" } });
    const { status, body, headers } = toErrorBody(result.error);
    expect(status).toBe(400);
    expect(headers).toEqual({});
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("profile.email: Enter a valid email address");
    expect(body.error.details).toEqual({ issues: [{ path: "profile.email", message: "Enter a valid email address" }] });
  });

  it("omits the field prefix for top-level values", () => {
    const result = z.string().min(3, "Too short").safeParse("a");
    expect(toErrorBody(result.error).body.error.message).toBe("Too short");
  });
});

describe("toErrorBody with unexpected errors", () => {
  it("answers 500 with a generic message and a request id, and logs the real error under that id", () => {
    const logged: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    const internal = new Error('connect ECONNREFUSED 10.0.0.7:5432 (user "chatwerk" password "hunter2")');
    const { status, body, headers } = toErrorBody(internal);

    expect(status).toBe(500);
    expect(headers).toEqual({});
    expect(body.error.code).toBe("internal");
    expect(body.error.message).toBe("Something went wrong on our side. Please try again.");
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const json = JSON.stringify(body);
    for (const secret of ["ECONNREFUSED", "10.0.0.7", "hunter2", "at "]) expect(json).not.toContain(secret);

    const line = logged.join("");
    expect(line).toContain(body.error.requestId);
    expect(line).toContain("hunter2");
  });

  it("handles values that are not errors", () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { status, body } = toErrorBody("database exploded");
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("exploded");
  });

  it("gives every unexpected error its own request id", () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const a = toErrorBody(new Error("a")).body.error.requestId;
    const b = toErrorBody(new Error("a")).body.error.requestId;
    expect(a).not.toBe(b);
  });
});

describe("errorResponse", () => {
  it("is a JSON response with the mapped status and headers", async () => {
    const response = errorResponse(new AppError("rate_limited", "Slow down.", { retryAfterSeconds: 7 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: { code: "rate_limited", message: "Slow down." } });
  });
});
