import { Readable } from "node:stream";
import Busboy from "busboy";
import { AppError } from "../errors/app-error";

/**
 * Reads one file from a multipart/form-data request by streaming (never buffering more
 * than `maxBytes`): an oversized upload stops at the limit and is a 413.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) throw new AppError("bad_request", "Send the file as multipart/form-data with a 'file' field.");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes + 64 * 1024) throw new AppError("payload_too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  if (!req.body) throw new AppError("bad_request", "The request has no body.");

  return new Promise((resolve, reject) => {
    const busboy = Busboy({ headers: { "content-type": type }, limits: { fileSize: maxBytes, files: 1, fields: 10 } });
    let found = false;
    busboy.on("file", (field, stream, info) => {
      if (field !== "file") {
        stream.resume();
        return;
      }
      found = true;
      const parts: Buffer[] = [];
      stream.on("data", (d: Buffer) => parts.push(d));
      stream.on("limit", () => reject(new AppError("payload_too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`)));
      stream.on("end", () => {
        if ((stream as unknown as { truncated?: boolean }).truncated) return;
        resolve({ filename: info.filename || "upload", contentType: info.mimeType || "application/octet-stream", bytes: new Uint8Array(Buffer.concat(parts)) });
      });
    });
    busboy.on("error", () => reject(new AppError("bad_request", "The upload could not be read.")));
    busboy.on("close", () => {
      if (!found) reject(new AppError("bad_request", "No 'file' field in the upload."));
    });
    Readable.fromWeb(req.body as import("node:stream/web").ReadableStream).pipe(busboy);
  });
}
