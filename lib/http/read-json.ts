import { AppError } from "../errors/app-error";
import { withoutNul } from "../validation/without-nul";

/** Reads a JSON request body with a size cap; malformed JSON is a 400, not a 500. */
export async function readJson(req: Request, maxBytes = 1_000_000): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("bad_request", "Send a JSON body with 'Content-Type: application/json'.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("bad_request", `Body too large (at most ${maxBytes} bytes).`);
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError("bad_request", `Body too large (at most ${maxBytes} bytes).`);
  try {
    return withoutNul(JSON.parse(text) as unknown);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}
