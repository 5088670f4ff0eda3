import { CancelledError, onAbort, throwIfCancelled, type CancelSignal } from './cancel';
import { md5OfChunks } from './md5';
import { typeFromName } from './mime';
import {
  NetworkError,
  type FileInfo,
  type HttpRequest,
  type HttpResponse,
  type Platform,
  type UploadRequest,
} from './platform';

/** A file in a browser: a `File` from `<input type="file">`, or a `Blob` with a name. */
export type BrowserFile = File | { blob: Blob; name: string; type?: string; capturedAt?: string };

function blobOf(file: BrowserFile): Blob {
  return file instanceof Blob ? file : file.blob;
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** Parses `XMLHttpRequest.getAllResponseHeaders()`. */
function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** The browser platform: `fetch` for the API, `XMLHttpRequest` for uploads (upload progress), `Blob.slice` for MD5. */
export function browserPlatform(): Platform<BrowserFile> {
  return {
    name: 'browser',

    async request(request: HttpRequest): Promise<HttpResponse> {
      throwIfCancelled(request.signal);
      const controller = new AbortController();
      const dispose = onAbort(request.signal, () => controller.abort());
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
        });
        return { status: response.status, headers: headersOf(response.headers), body: await response.text() };
      } catch (error) {
        if (request.signal?.aborted) throw new CancelledError();
        throw new NetworkError(error instanceof Error ? error.message : String(error));
      } finally {
        dispose();
      }
    },

    upload(request: UploadRequest<BrowserFile>): Promise<HttpResponse> {
      return new Promise((resolve, reject) => {
        throwIfCancelled(request.signal);
        const form = new FormData();
        for (const [name, value] of Object.entries(request.fields)) form.append(name, value);
        form.append('file', blobOf(request.file), request.fileName);
        const xhr = new XMLHttpRequest();
        let dispose: () => void = () => undefined;
        xhr.open('POST', request.url);
        const onProgress = request.onProgress;
        if (onProgress) {
          xhr.upload.onprogress = (event) => {
            if (event.lengthComputable) onProgress(event.loaded, event.total);
          };
        }
        xhr.onload = () => {
          dispose();
          resolve({ status: xhr.status, headers: parseHeaders(xhr.getAllResponseHeaders()), body: xhr.responseText });
        };
        xhr.onerror = () => {
          dispose();
          // Also what a cross-origin upload without a CORS rule on the bucket looks like.
          reject(new NetworkError('upload failed: network error (for OSS: does the bucket have the CORS rule?)'));
        };
        xhr.ontimeout = () => {
          dispose();
          reject(new NetworkError('upload failed: timeout'));
        };
        xhr.onabort = () => {
          dispose();
          reject(new CancelledError());
        };
        dispose = onAbort(request.signal, () => xhr.abort());
        xhr.send(form);
      });
    },

    async describe(file: BrowserFile): Promise<FileInfo> {
      const blob = blobOf(file);
      const name = file instanceof File ? file.name : 'name' in file ? file.name : 'file';
      const declared = file instanceof Blob ? file.type : file.type ?? file.blob.type;
      const capturedAt = file instanceof Blob ? undefined : file.capturedAt;
      return { name, size: blob.size, type: declared || typeFromName(name), capturedAt };
    },

    md5(file: BrowserFile, size: number, signal?: CancelSignal): Promise<string> {
      const blob = blobOf(file);
      return md5OfChunks(size, (position, length) => blob.slice(position, position + length).arrayBuffer(), signal);
    },
  };
}
