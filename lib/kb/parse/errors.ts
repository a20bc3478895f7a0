/** The file's real type is not one we read (an .xlsx, an image, an .exe renamed .pdf): the API answers 415. */
export class UnsupportedFileError extends Error {
  readonly detectedType?: string;

  constructor(message: string, detectedType?: string) {
    super(message);
    this.name = "UnsupportedFileError";
    this.detectedType = detectedType;
  }
}

export type TFileParseErrorCode = "empty" | "too_large" | "encrypted" | "damaged" | "no_text" | "timeout" | "too_complex";

/**
 * A supported file that could not be read. `message` is a readable reason shown on the
 * document in the dashboard ("The PDF is password-protected"); `code` is for programs.
 */
export class FileParseError extends Error {
  readonly code: TFileParseErrorCode;

  constructor(code: TFileParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FileParseError";
    this.code = code;
  }
}
