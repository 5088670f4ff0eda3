import { ApiError, type ApiClient, type PrepareAnswer, type PrepareBody } from './api';
import { CancelledError, throwIfCancelled, type CancelSignal } from './cancel';
import { NetworkError, type FileInfo } from './platform';
import { waitBeforeRetry } from './retry';
import { storageVerdict } from './storage';
import type { Photo, PreparedItemJson } from './types';
import { photoFromJson } from './types';

/** Files in one `POST /uploads` (the service's limit). */
export const MAX_BATCH = 500;
/** WeChat shares 10 network slots between all of a mini program's requests: at most 6 uploads at once. */
export const MAX_CONCURRENCY = 6;
export const DEFAULT_CONCURRENCY = 3;

export interface UploadFilesOptions<F> {
  familyId: string;
  albumId: string;
  files: readonly F[];
  /** Uploads at once (default 3, at most 6). */
  concurrency?: number;
  onProgress?: (progress: UploadProgress) => void;
  signal?: CancelSignal;
  /** Files per prepare call (default and maximum 500). */
  batchSize?: number;
  /**
   * A form whose expiry is nearer than this when its upload is about to start is prepared again first
   * (default 60 s; never more than a quarter of the form's lifetime).
   */
  formMarginMs?: number;
}

export type FileStatus =
  | 'waiting'
  | 'hashing'
  | 'preparing'
  | 'queued'
  | 'uploading'
  | 'completing'
  | 'uploaded'
  | 'instant'
  | 'failed'
  | 'cancelled';

export interface FileProgress {
  index: number;
  name: string;
  status: FileStatus;
  /** Bytes of this file known to be at the store (never decreases, also across retries). */
  loaded: number;
  size: number;
}

/**
 * One progress event. `totalBytes` is the size of every selected file; a file found in the family (秒传) or
 * repeated in the selection counts as done when it is resolved. `loadedBytes` never decreases.
 */
export interface UploadProgress {
  file: FileProgress;
  loadedBytes: number;
  totalBytes: number;
  doneFiles: number;
  totalFiles: number;
}

/** The outcome for one selected file, in selection order. */
export type UploadResult =
  | { index: number; status: 'uploaded'; photo: Photo }
  /** Nothing was uploaded: the family had the bytes, or an earlier file of the selection is the same (`duplicateOf`). */
  | { index: number; status: 'instant'; photo: Photo; duplicateOf?: number }
  | { index: number; status: 'failed'; code: string; message: string; httpStatus?: number }
  | { index: number; status: 'cancelled' };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

interface Form {
  uploadId: string;
  url: string;
  fields: Record<string, string>;
  /** Local clock time at which the form expires. */
  deadline: number;
  lifetime: number;
}

interface Entry<F> {
  index: number;
  file: F;
  info: FileInfo;
  md5?: string;
  status: FileStatus;
  loaded: number;
  result?: UploadResult;
  done: Deferred<UploadResult>;
  form?: Form;
  reprepares: number;
  refusedAsExpired: number;
  /** Resolved by another file's outcome (same bytes). */
  following?: boolean;
}

class Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

/** An unbounded queue with `take()` that waits; `close()` wakes the waiters with undefined. */
class Queue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Array<(item: T | undefined) => void> = [];
  private closed = false;

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  take(): Promise<T | undefined> {
    if (this.items.length) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  snapshot(): readonly T[] {
    return this.items;
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}

/**
 * Uploads `files` into an album with the one-call flow: MD5 each file, `POST /uploads` per batch of ≤ 500,
 * upload only the files the family does not have, `complete` each. See the package README for the rules.
 *
 * Never rejects because of one file: every file gets an {@link UploadResult}. Rejects only for a programming
 * error (bad options).
 */
export async function uploadFiles<F>(api: ApiClient<F>, options: UploadFilesOptions<F>): Promise<UploadResult[]> {
  if (!options.familyId || !options.albumId) throw new Error('familyId and albumId are required');
  const run = new UploadRun(api, options);
  return run.start();
}

class UploadRun<F> {
  private readonly entries: Entry<F>[] = [];
  private readonly queue = new Queue<Entry<F>>();
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly formMarginMs: number;
  private readonly signal: CancelSignal | undefined;
  private loadedBytes = 0;
  private totalBytes = 0;
  private doneFiles = 0;
  private refreshWanted: Entry<F>[] = [];
  private refreshing: Promise<void> | undefined;
  private readonly refreshWaiters = new Map<Entry<F>, Deferred<Error | undefined>>();

  constructor(
    private readonly api: ApiClient<F>,
    private readonly options: UploadFilesOptions<F>,
  ) {
    this.concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)));
    this.batchSize = Math.min(MAX_BATCH, Math.max(1, Math.floor(options.batchSize ?? MAX_BATCH)));
    this.formMarginMs = Math.max(0, options.formMarginMs ?? 60_000);
    this.signal = options.signal;
  }

  async start(): Promise<UploadResult[]> {
    const platform = this.api.platform;
    const unreadable = new Map<Entry<F>, unknown>();
    for (let index = 0; index < this.options.files.length; index++) {
      const file = this.options.files[index] as F;
      const entry: Entry<F> = {
        index,
        file,
        info: { name: `file-${index}`, size: 0, type: 'application/octet-stream' },
        status: 'waiting',
        loaded: 0,
        done: deferred<UploadResult>(),
        reprepares: 0,
        refusedAsExpired: 0,
      };
      this.entries.push(entry);
      try {
        entry.info = await platform.describe(file);
      } catch (error) {
        unreadable.set(entry, error);
      }
      this.totalBytes += entry.info.size;
    }
    for (const [entry, error] of unreadable) {
      this.finish(entry, { index: entry.index, status: 'failed', code: 'read_failed', message: messageOf(error) });
    }

    const workers: Promise<void>[] = [];
    for (let i = 0; i < this.concurrency; i++) workers.push(this.work());
    let unexpected: unknown;
    try {
      await this.hashAndPrepare();
    } catch (error) {
      unexpected = error;
    } finally {
      this.queue.close();
    }
    await Promise.all(workers);
    // Every file gets a result, whatever happened: followers resolve with the file they follow (all of which are
    // settled by now); anything else still open failed with the unexpected error.
    for (const entry of this.entries) {
      if (!entry.result && !entry.following) {
        this.finish(entry, this.failureResult(entry, unexpected ?? new Error('not processed')));
      }
    }
    return Promise.all(this.entries.map((entry) => entry.done.promise));
  }

  private async hashAndPrepare(): Promise<void> {
    const first = new Map<string, { entry: Entry<F>; batch: number }>();
    let batch: Entry<F>[] = [];
    let batchNo = 0;
    for (const entry of this.entries) {
      if (entry.result) continue;
      if (this.signal?.aborted) {
        this.finish(entry, { index: entry.index, status: 'cancelled' });
        continue;
      }
      this.setStatus(entry, 'hashing');
      try {
        entry.md5 = await this.api.platform.md5(entry.file, entry.info.size, this.signal);
      } catch (error) {
        if (error instanceof CancelledError) this.finish(entry, { index: entry.index, status: 'cancelled' });
        else this.finish(entry, { index: entry.index, status: 'failed', code: 'read_failed', message: messageOf(error) });
        continue;
      }
      const key = `${entry.md5}:${entry.info.size}`;
      const earlier = first.get(key);
      if (earlier && earlier.batch < batchNo) {
        // Same bytes as a file of an earlier prepare: resolved by that file's outcome, never sent again.
        this.setStatus(entry, 'queued');
        this.follow(entry, earlier.entry);
        continue;
      }
      if (!earlier) first.set(key, { entry, batch: batchNo });
      this.setStatus(entry, 'preparing');
      batch.push(entry);
      if (batch.length >= this.batchSize) {
        await this.prepare(batch);
        batch = [];
        batchNo++;
      }
    }
    if (batch.length) await this.prepare(batch);
  }

  /** `POST /uploads` for a batch; the requests in flight are never aborted (instant photos get recorded). */
  private async prepare(batch: Entry<F>[]): Promise<void> {
    if (this.signal?.aborted) {
      for (const entry of batch) this.finish(entry, { index: entry.index, status: 'cancelled' });
      return;
    }
    let answer: PrepareAnswer;
    try {
      answer = await this.api.prepareUploads(this.prepareBody(batch), undefined, this.signal);
    } catch (error) {
      for (const entry of batch) this.finish(entry, this.failureResult(entry, error));
      return;
    }
    const byRef = new Map(answer.items.map((item) => [item.client_ref, item]));
    for (const entry of batch) {
      const item = byRef.get(String(entry.index));
      if (!item) {
        this.finish(entry, {
          index: entry.index,
          status: 'failed',
          code: 'invalid_response',
          message: 'the prepare answer has no item for this file',
        });
        continue;
      }
      this.apply(entry, item, answer, false);
    }
  }

  private prepareBody(batch: readonly Entry<F>[]): PrepareBody {
    return {
      family_id: this.options.familyId,
      album_id: this.options.albumId,
      files: batch.map((entry) => ({
        client_ref: String(entry.index),
        name: entry.info.name,
        size: entry.info.size,
        type: entry.info.type,
        md5: entry.md5 as string,
        ...(entry.info.capturedAt ? { captured_at: entry.info.capturedAt } : {}),
      })),
    };
  }

  /** Applies one prepare answer to its file. Returns true when the file has a (new) form to upload with. */
  private apply(
    entry: Entry<F>,
    item: PreparedItemJson,
    answer: PrepareAnswer,
    again: boolean,
  ): boolean {
    switch (item.status) {
      case 'instant':
        if (!item.photo) break;
        this.finish(entry, { index: entry.index, status: 'instant', photo: photoFromJson(item.photo) });
        return false;
      case 'duplicate': {
        const original = this.entries[Number(item.duplicate_of)];
        if (!original || original === entry) break;
        this.setStatus(entry, 'queued');
        this.follow(entry, original);
        return false;
      }
      case 'upload': {
        if (!item.upload_id || !item.url || !item.fields || !item.expires_at) break;
        const expiresAt = Date.parse(item.expires_at);
        const lifetime = answer.serverTime !== undefined ? expiresAt - answer.serverTime : expiresAt - answer.receivedAt;
        entry.form = {
          uploadId: item.upload_id,
          url: item.url,
          fields: item.fields,
          lifetime,
          deadline: answer.receivedAt + lifetime,
        };
        if (!again) {
          this.setStatus(entry, 'queued');
          this.queue.push(entry);
        }
        return true;
      }
      case 'rejected':
        this.finish(entry, {
          index: entry.index,
          status: 'failed',
          code: item.code ?? 'rejected',
          message: item.message ?? 'rejected by the service',
        });
        return false;
    }
    this.finish(entry, {
      index: entry.index,
      status: 'failed',
      code: 'invalid_response',
      message: `unexpected prepare item ${JSON.stringify(item).slice(0, 200)}`,
    });
    return false;
  }

  /** A repeated file takes the outcome of the first file with the same bytes. */
  private follow(entry: Entry<F>, original: Entry<F>): void {
    entry.following = true;
    void original.done.promise.then((result) => {
      switch (result.status) {
        case 'uploaded':
        case 'instant':
          this.finish(entry, { index: entry.index, status: 'instant', photo: result.photo, duplicateOf: original.index });
          break;
        case 'failed':
          this.finish(entry, { ...result, index: entry.index });
          break;
        case 'cancelled':
          this.finish(entry, { index: entry.index, status: 'cancelled' });
          break;
      }
    });
  }

  private async work(): Promise<void> {
    for (;;) {
      const entry = await this.queue.take();
      if (!entry) return;
      if (entry.result) continue;
      try {
        await this.uploadAndComplete(entry);
      } catch (error) {
        this.finish(entry, this.failureResult(entry, error));
      }
    }
  }

  private async uploadAndComplete(entry: Entry<F>): Promise<void> {
    for (;;) {
      throwIfCancelled(this.signal);
      const form = entry.form as Form;
      const margin = Math.min(this.formMarginMs, form.lifetime / 4);
      if (form.deadline - Date.now() < margin && entry.reprepares < 2) {
        if (!(await this.refresh(entry))) return;
        continue;
      }
      this.setStatus(entry, 'uploading');
      const verdict = await this.uploadOnce(entry, form);
      if (verdict === 'expired') {
        entry.refusedAsExpired++;
        if (entry.refusedAsExpired > 1 || entry.reprepares >= 2) {
          throw new Failure('upload_expired', 'the store refused the upload form as expired, also after preparing it again', 403);
        }
        if (!(await this.refresh(entry))) return;
        continue;
      }
      break;
    }
    // Bytes are at the store: complete even if the caller cancels now, so that what is recorded is reported.
    this.setStatus(entry, 'completing');
    const photo = await this.api.complete((entry.form as Form).uploadId);
    this.finish(entry, { index: entry.index, status: 'uploaded', photo });
  }

  /** One upload with retries on network errors, 5xx and 429. */
  private async uploadOnce(entry: Entry<F>, form: Form): Promise<'stored' | 'expired'> {
    const retry = this.api.retry;
    let retries = 0;
    for (;;) {
      throwIfCancelled(this.signal);
      let verdict: ReturnType<typeof storageVerdict>;
      try {
        const response = await this.api.platform.upload({
          url: form.url,
          fields: form.fields,
          file: entry.file,
          fileName: entry.info.name,
          contentType: entry.info.type,
          signal: this.signal,
          onProgress: (sent, total) => {
            if (total > 0) this.setLoaded(entry, Math.floor((entry.info.size * Math.min(sent, total)) / total));
          },
        });
        verdict = storageVerdict(response);
      } catch (error) {
        if (error instanceof NetworkError && retries + 1 < retry.attempts) {
          retries++;
          await waitBeforeRetry(retries, retry, undefined, this.signal);
          continue;
        }
        throw error;
      }
      switch (verdict.kind) {
        case 'stored':
        case 'exists':
          this.setLoaded(entry, entry.info.size);
          return 'stored';
        case 'expired':
          return 'expired';
        case 'retry':
          if (retries + 1 < retry.attempts && (await waitBeforeRetry(retries + 1, retry, verdict.retryAfter, this.signal))) {
            retries++;
            continue;
          }
          throw new Failure('storage_unavailable', `${verdict.code}: ${verdict.message}`, verdict.status);
        case 'rejected':
          throw new Failure('upload_rejected', `${verdict.code}: ${verdict.message}`, verdict.status);
      }
    }
  }

  /**
   * Prepares the file again (its form expired or is about to), together with every other waiting file whose
   * form is close to expiry, in one call. Returns true when the file has a new form to upload with.
   */
  private async refresh(entry: Entry<F>): Promise<boolean> {
    let waiter = this.refreshWaiters.get(entry);
    if (!waiter) {
      waiter = deferred<Error | undefined>();
      this.refreshWaiters.set(entry, waiter);
      this.refreshWanted.push(entry);
    }
    const now = Date.now();
    for (const queued of this.queue.snapshot()) {
      const form = queued.form;
      if (!form || queued.result || this.refreshWaiters.has(queued) || queued.reprepares >= 1) continue;
      if (form.deadline - now < 2 * Math.min(this.formMarginMs, form.lifetime / 4)) {
        this.refreshWaiters.set(queued, deferred<Error | undefined>());
        this.refreshWanted.push(queued);
      }
    }
    if (!this.refreshing) {
      this.refreshing = this.runRefreshes().finally(() => {
        this.refreshing = undefined;
      });
    }
    const error = await waiter.promise;
    if (error) throw error;
    return !entry.result;
  }

  private async runRefreshes(): Promise<void> {
    while (this.refreshWanted.length) {
      const batch = this.refreshWanted.splice(0, MAX_BATCH);
      let failure: Error | undefined;
      try {
        if (this.signal?.aborted) throw new CancelledError();
        const answer = await this.api.prepareUploads(this.prepareBody(batch), undefined, this.signal);
        const byRef = new Map(answer.items.map((item) => [item.client_ref, item]));
        for (const entry of batch) {
          entry.reprepares++;
          const item = byRef.get(String(entry.index));
          if (!item) {
            this.finish(entry, {
              index: entry.index,
              status: 'failed',
              code: 'invalid_response',
              message: 'the prepare answer has no item for this file',
            });
          } else {
            this.apply(entry, item, answer, true);
          }
        }
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
      for (const entry of batch) {
        const waiter = this.refreshWaiters.get(entry);
        this.refreshWaiters.delete(entry);
        waiter?.resolve(failure);
      }
    }
  }

  private failureResult(entry: Entry<F>, error: unknown): UploadResult {
    if (error instanceof CancelledError) return { index: entry.index, status: 'cancelled' };
    if (error instanceof Failure) {
      return { index: entry.index, status: 'failed', code: error.code, message: error.message, httpStatus: error.httpStatus };
    }
    if (error instanceof ApiError) {
      return { index: entry.index, status: 'failed', code: error.code, message: error.message, httpStatus: error.status };
    }
    if (error instanceof NetworkError) {
      return { index: entry.index, status: 'failed', code: 'network_error', message: error.message };
    }
    return { index: entry.index, status: 'failed', code: 'error', message: messageOf(error) };
  }

  private setStatus(entry: Entry<F>, status: FileStatus): void {
    if (entry.result) return;
    entry.status = status;
    this.emit(entry);
  }

  private setLoaded(entry: Entry<F>, loaded: number): void {
    const value = Math.min(entry.info.size, loaded);
    if (value <= entry.loaded) return;
    this.loadedBytes += value - entry.loaded;
    entry.loaded = value;
    this.emit(entry);
  }

  private finish(entry: Entry<F>, result: UploadResult): void {
    if (entry.result) return;
    entry.result = result;
    entry.status = result.status;
    this.doneFiles++;
    if (result.status === 'uploaded' || result.status === 'instant') {
      this.loadedBytes += entry.info.size - entry.loaded;
      entry.loaded = entry.info.size;
    }
    this.emit(entry);
    entry.done.resolve(result);
  }

  private emit(entry: Entry<F>): void {
    const listener = this.options.onProgress;
    if (!listener) return;
    try {
      listener({
        file: {
          index: entry.index,
          name: entry.info.name,
          status: entry.status,
          loaded: entry.loaded,
          size: entry.info.size,
        },
        loadedBytes: this.loadedBytes,
        totalBytes: this.totalBytes,
        doneFiles: this.doneFiles,
        totalFiles: this.options.files.length,
      });
    } catch {
      // a throwing listener must not break the uploads
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
