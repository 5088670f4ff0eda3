import type { CancelSignal } from './cancel';

/** An HTTP request to the service's JSON API. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** A JSON text, or nothing. */
  body?: string;
  signal?: CancelSignal;
}

/** An HTTP answer; header names are lower case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A multipart/form-data POST of `fields` then the file as the last part, named `file` (OSS PostObject). */
export interface UploadRequest<F> {
  url: string;
  fields: Record<string, string>;
  file: F;
  fileName: string;
  contentType: string;
  signal?: CancelSignal;
  /** Bytes of the whole request sent so far, and the request's total. */
  onProgress?: (sent: number, total: number) => void;
}

/** What the SDK needs to know about a file before it hashes it. */
export interface FileInfo {
  name: string;
  size: number;
  /** MIME type; guessed from the name when the platform does not know it. */
  type: string;
  /** When the photo was taken (ISO-8601), if known. */
  capturedAt?: string;
}

/**
 * Everything the SDK core needs from where it runs: a WeChat mini program ({@link ./wx}) or a browser
 * ({@link ./browser}). `F` is that platform's file handle (a temp file path, a `File`).
 *
 * `request` and `upload` reject with {@link NetworkError} when no HTTP answer arrived and with
 * `CancelledError` when their signal aborted; any HTTP answer, whatever its status, resolves.
 */
export interface Platform<F> {
  readonly name: string;
  request(request: HttpRequest): Promise<HttpResponse>;
  upload(request: UploadRequest<F>): Promise<HttpResponse>;
  describe(file: F): Promise<FileInfo>;
  /** MD5 hex (lower case) of the file's bytes, never holding more than one chunk in memory. */
  md5(file: F, size: number, signal?: CancelSignal): Promise<string>;
  /** A WeChat login code (`wx.login`), where the platform has one. */
  loginCode?(): Promise<string>;
}

/** No HTTP answer: connection refused or dropped, DNS, TLS, timeout. Retried with backoff. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Lower-cases header names (WeChat hands them over as the server spelled them). */
export function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  }
  return out;
}
