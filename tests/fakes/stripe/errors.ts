/** Stripe's error responses: `{error: {type, code, message, param}}` with the status Stripe uses. */

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { type?: string; param?: string; code?: string; headers?: Record<string, string>; saved?: boolean } = {},
  ) {
    super(message);
  }

  body() {
    const { code, param, type } = this.extra;
    return {
      error: {
        ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}` } : {}),
        message: this.message,
        ...(param ? { param } : {}),
        type: type ?? "invalid_request_error",
      },
    };
  }
}

export const invalid = (message: string, param?: string, code?: string) => new StripeApiError(400, message, { param, code });
export const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing");
export const noSuch = (kind: string, id: string, param = "id", status = 404) =>
  new StripeApiError(status, `No such ${kind}: '${id}'`, { param, code: "resource_missing", saved: true });
