import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelController, sleep } from '../src/cancel';
import { typeFromName } from '../src/mime';
import { backoffDelay, isRetryableStatus, resolveRetry, retryAfterMs } from '../src/retry';
import { storageVerdict } from '../src/storage';

const xml = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n</Error>\n`;

describe('retry policy', () => {
  it('backoff doubles, is capped, and has jitter between half and all of the delay', () => {
    const low = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
    const high = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, low)), [50, 100, 200, 400, 500, 500]);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, high)), [100, 200, 400, 800, 1000, 1000]);
  });

  it('Retry-After in seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('3'), 3000);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });

  it('retryable statuses: 429 and 5xx but 501/505', () => {
    assert.deepEqual(
      [400, 401, 403, 404, 409, 413, 422, 429, 500, 501, 502, 503, 504, 505].filter(isRetryableStatus),
      [429, 500, 502, 503, 504],
    );
  });
});

describe('storage answers', () => {
  it('2xx stored; 409 FileAlreadyExists means the bytes are there', () => {
    assert.equal(storageVerdict({ status: 200, headers: {}, body: '' }).kind, 'stored');
    assert.equal(storageVerdict({ status: 204, headers: {}, body: '' }).kind, 'stored');
    assert.equal(
      storageVerdict({ status: 409, headers: {}, body: xml('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.') }).kind,
      'exists',
    );
  });

  it('an expired policy (as OSS and the local store say it) asks for a new form; other 403s do not', () => {
    assert.equal(storageVerdict({ status: 403, headers: {}, body: xml('AccessDenied', 'Invalid according to Policy: Policy expired.') }).kind, 'expired');
    assert.equal(storageVerdict({ status: 403, headers: {}, body: xml('SecurityTokenExpired', 'The security token you provided has expired.') }).kind, 'expired');
    const denied = storageVerdict({ status: 403, headers: {}, body: xml('AccessDenied', 'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "x"]') });
    assert.equal(denied.kind, 'rejected');
    assert.equal(storageVerdict({ status: 403, headers: {}, body: xml('SignatureDoesNotMatch', 'no') }).kind, 'rejected');
  });

  it('503 SlowDown and 5xx are retried, with their Retry-After', () => {
    const verdict = storageVerdict({ status: 503, headers: { 'retry-after': '2' }, body: xml('SlowDown', 'Please reduce your request rate.') });
    assert.deepEqual(verdict, { kind: 'retry', status: 503, code: 'SlowDown', message: 'Please reduce your request rate.', retryAfter: '2' });
  });
});

describe('CancelController (for runtimes without AbortController)', () => {
  it('aborts sleeps and tells listeners once', async () => {
    const controller = new CancelController();
    let calls = 0;
    controller.signal.addEventListener('abort', () => calls++);
    const sleeping = sleep(10_000, controller.signal);
    assert.equal(controller.signal.aborted, false);
    controller.abort();
    controller.abort();
    await assert.rejects(sleeping, { name: 'CancelledError' });
    assert.equal(controller.signal.aborted, true);
    assert.equal(calls, 1);
  });
});

describe('content types', () => {
  it('from the extension, as the service allows them', () => {
    assert.equal(typeFromName('IMG_0001.JPG'), 'image/jpeg');
    assert.equal(typeFromName('clip.mov'), 'video/quicktime');
    assert.equal(typeFromName('wxfile://tmp_abc.heic'), 'image/heic');
    assert.equal(typeFromName('notes.txt'), 'application/octet-stream');
  });
});
