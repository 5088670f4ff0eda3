import type { HttpResponse } from './platform';
import { isRetryableStatus } from './retry';

/** What the store (OSS, the local store, MinIO) said about an upload form. */
export type StorageVerdict =
  | { kind: 'stored' }
  /** `x-oss-forbid-overwrite`: the object exists already (another member uploaded the same bytes). */
  | { kind: 'exists' }
  /** The form (policy) or its temporary credentials expired: prepare again. */
  | { kind: 'expired'; code: string; message: string }
  | { kind: 'retry'; status: number; code: string; message: string; retryAfter?: string }
  | { kind: 'rejected'; status: number; code: string; message: string };

function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1]?.trim();
}

/** Reads an OSS / S3 PostObject answer (status + XML `<Error>` body). */
export function storageVerdict(response: HttpResponse): StorageVerdict {
  if (response.status >= 200 && response.status < 300) return { kind: 'stored' };
  const code = tag(response.body, 'Code') ?? `http_${response.status}`;
  const message = tag(response.body, 'Message') ?? '';
  if (response.status === 409 && code === 'FileAlreadyExists') return { kind: 'exists' };
  if (
    response.status === 403 &&
    (code === 'SecurityTokenExpired' ||
      ((code === 'AccessDenied' || code === 'InvalidAccessKeyId') && /expired/i.test(message)))
  ) {
    return { kind: 'expired', code, message };
  }
  if (isRetryableStatus(response.status)) {
    return { kind: 'retry', status: response.status, code, message, retryAfter: response.headers['retry-after'] };
  }
  return { kind: 'rejected', status: response.status, code, message };
}
