import { CancelledError, type CancelSignal } from './cancel';
import { NetworkError, type HttpResponse, type Platform } from './platform';
import { isRetryableStatus, resolveRetry, waitBeforeRetry, type ResolvedRetry, type RetryOptions } from './retry';
import {
  photoFromJson,
  type Album,
  type Family,
  type Photo,
  type PhotoJson,
  type PhotoPage,
  type PreparedItemJson,
} from './types';

/** The service answered with an error (`{"code", "message", "request_id"}`), or with something unreadable. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The body of `POST /uploads`. */
export interface PrepareBody {
  family_id: string;
  album_id: string;
  files: Array<{ client_ref: string; name: string; size: number; type: string; md5: string; captured_at?: string }>;
}

/** The `POST /uploads` answer, with the service's clock (`Date` header) and when it arrived (local clock). */
export interface PrepareAnswer {
  items: PreparedItemJson[];
  serverTime?: number;
  receivedAt: number;
}

/** What a login strategy may use: a POST to the service without a token. */
export interface LoginContext {
  /** `retryNetwork` (default true): try again after a network error with the same body. */
  post<T>(path: string, body: unknown, options?: { retryNetwork?: boolean }): Promise<T>;
  loginCode(): Promise<string>;
}

/** Gets a fresh bearer token. Called for the first call and once more after a 401. */
export type LoginStrategy = (context: LoginContext) => Promise<string>;

interface TokenAnswer {
  token: string;
}

/**
 * `wx.login` → `POST /auth/wechat/login` (the default). A login code works once, so a network error is retried
 * with a fresh code (3 tries), never with the same one.
 */
export const wechatLogin: LoginStrategy = async (context) => {
  for (let attempt = 1; ; attempt++) {
    const code = await context.loginCode();
    try {
      return (await context.post<TokenAnswer>('/auth/wechat/login', { code }, { retryNetwork: false })).token;
    } catch (error) {
      if (!(error instanceof NetworkError) || attempt >= 3) throw error;
    }
  }
};

/** `POST /auth/dev/login` (the service's local mode only). */
export function devLogin(user: string): LoginStrategy {
  return async (context) => (await context.post<TokenAnswer>('/auth/dev/login', { user })).token;
}

/** A token obtained elsewhere; a 401 then cannot be repaired and fails the call. */
export function staticToken(token: string): LoginStrategy {
  return async () => token;
}

export interface ApiClientOptions<F> {
  /** The service, e.g. `https://album.example.com` (no trailing slash needed). */
  baseUrl: string;
  platform: Platform<F>;
  /** How to get a token (default {@link wechatLogin}). */
  login?: LoginStrategy;
  /** A token to start with (e.g. kept from an earlier run); re-login still happens on 401. */
  token?: string;
  retry?: RetryOptions;
}

interface CallOptions {
  /** Aborts the request in flight and the waits between tries. */
  signal?: CancelSignal;
  /** Aborts only the waits between tries: a request in flight runs to its answer. */
  retrySignal?: CancelSignal;
  /** Retry after a network error too (the request may have been processed); true for idempotent calls. */
  retryNetwork?: boolean;
  auth?: boolean;
}

/**
 * The service's JSON API: bearer token with one re-login on 401, retries with backoff and jitter on network
 * errors, 5xx and 429 (honouring `Retry-After`).
 */
export class ApiClient<F> {
  readonly platform: Platform<F>;
  readonly retry: ResolvedRetry;
  private readonly baseUrl: string;
  private readonly loginStrategy: LoginStrategy;
  private token: string | undefined;
  private pendingLogin: Promise<string> | undefined;

  constructor(options: ApiClientOptions<F>) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.platform = options.platform;
    this.loginStrategy = options.login ?? wechatLogin;
    this.token = options.token;
    this.retry = resolveRetry(options.retry);
  }

  /** The current token, if any (e.g. to keep it in storage). */
  get currentToken(): string | undefined {
    return this.token;
  }

  setToken(token: string | undefined): void {
    this.token = token;
  }

  /** Logs in now (otherwise the first call does). Concurrent callers share one login. */
  login(signal?: CancelSignal): Promise<string> {
    if (!this.pendingLogin) {
      const context: LoginContext = {
        post: <T>(path: string, body: unknown, options?: { retryNetwork?: boolean }) =>
          this.call<T>('POST', path, body, { signal, auth: false, retryNetwork: options?.retryNetwork ?? true }),
        loginCode: () => {
          if (!this.platform.loginCode) throw new Error(`platform ${this.platform.name} has no login code`);
          return this.platform.loginCode();
        },
      };
      this.pendingLogin = this.loginStrategy(context).then(
        (token) => {
          this.token = token;
          this.pendingLogin = undefined;
          return token;
        },
        (error: unknown) => {
          this.pendingLogin = undefined;
          throw error;
        },
      );
    }
    return this.pendingLogin;
  }

  listFamilies(signal?: CancelSignal): Promise<Family[]> {
    return this.call<{ items: Family[] }>('GET', '/families', undefined, { signal }).then((r) => r.items);
  }

  createFamily(name: string, signal?: CancelSignal): Promise<Family> {
    return this.call<Family>('POST', '/families', { name }, { signal, retryNetwork: false });
  }

  async listAlbums(familyId: string, signal?: CancelSignal): Promise<Album[]> {
    const answer = await this.call<{
      items: Array<{ id: string; family_id: string; name: string; photo_count?: number }>;
    }>('GET', `/families/${encodeURIComponent(familyId)}/albums`, undefined, { signal });
    return answer.items.map((a) => ({ id: a.id, familyId: a.family_id, name: a.name, photoCount: a.photo_count }));
  }

  async createAlbum(familyId: string, name: string, signal?: CancelSignal): Promise<Album> {
    const a = await this.call<{ id: string; family_id: string; name: string }>(
      'POST',
      `/families/${encodeURIComponent(familyId)}/albums`,
      { name },
      { signal, retryNetwork: false },
    );
    return { id: a.id, familyId: a.family_id, name: a.name };
  }

  /** One page of an album, newest first. */
  async listPhotos(
    albumId: string,
    options: { limit?: number; cursor?: string | null; signal?: CancelSignal } = {},
  ): Promise<PhotoPage> {
    const query: string[] = [];
    if (options.limit !== undefined) query.push(`limit=${options.limit}`);
    if (options.cursor) query.push(`cursor=${encodeURIComponent(options.cursor)}`);
    const path = `/albums/${encodeURIComponent(albumId)}/photos${query.length ? `?${query.join('&')}` : ''}`;
    const page = await this.call<{ items: PhotoJson[]; next_cursor: string | null }>('GET', path, undefined, {
      signal: options.signal,
    });
    return { items: page.items.map(photoFromJson), nextCursor: page.next_cursor ?? null };
  }

  /** `POST /uploads`: one prepare for up to 500 files. */
  async prepareUploads(
    body: PrepareBody,
    signal?: CancelSignal,
    retrySignal?: CancelSignal,
  ): Promise<PrepareAnswer> {
    let serverDate: string | undefined;
    const answer = await this.call<{ items: PreparedItemJson[] }>('POST', '/uploads', body, {
      signal,
      retrySignal,
      retryNetwork: true,
      onResponse: (response) => {
        serverDate = response.headers['date'];
      },
    });
    const serverTime = serverDate ? Date.parse(serverDate) : NaN;
    return { items: answer.items, serverTime: Number.isNaN(serverTime) ? undefined : serverTime, receivedAt: Date.now() };
  }

  /** `POST /uploads/{id}/complete`: verify the stored object and record the photo (idempotent). */
  async complete(uploadId: string, signal?: CancelSignal, retrySignal?: CancelSignal): Promise<Photo> {
    const json = await this.call<PhotoJson>('POST', `/uploads/${encodeURIComponent(uploadId)}/complete`, undefined, {
      signal,
      retrySignal,
      retryNetwork: true,
    });
    return photoFromJson(json);
  }

  /** Any JSON call; `body` is sent as JSON. Resolves with the parsed answer (undefined for 204). */
  async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options: CallOptions & { onResponse?: (response: HttpResponse) => void } = {},
  ): Promise<T> {
    const auth = options.auth ?? true;
    const retryNetwork = options.retryNetwork ?? (method === 'GET' || method === 'DELETE');
    const waitSignal = options.retrySignal ?? options.signal;
    let relogged = false;
    let retries = 0;
    for (;;) {
      let usedToken: string | undefined;
      if (auth) {
        usedToken = this.token ?? (await this.login(options.signal));
      }
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (usedToken) headers['authorization'] = `Bearer ${usedToken}`;
      let response: HttpResponse;
      try {
        response = await this.platform.request({
          method,
          url: this.baseUrl + path,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: options.signal,
        });
      } catch (error) {
        if (error instanceof NetworkError && retryNetwork && retries + 1 < this.retry.attempts) {
          retries++;
          await waitBeforeRetry(retries, this.retry, undefined, waitSignal);
          continue;
        }
        throw error;
      }
      if (response.status === 401 && auth && !relogged) {
        relogged = true;
        if (this.token === usedToken) {
          this.token = undefined;
          await this.login(options.signal);
        }
        continue;
      }
      const retryable = isRetryableStatus(response.status) && (retryNetwork || response.status === 429 || response.status === 503);
      if (retryable && retries + 1 < this.retry.attempts) {
        retries++;
        if (await waitBeforeRetry(retries, this.retry, response.headers['retry-after'], waitSignal)) continue;
      }
      if (response.status >= 200 && response.status < 300) {
        options.onResponse?.(response);
        if (response.status === 204 || response.body === '') return undefined as T;
        try {
          return JSON.parse(response.body) as T;
        } catch {
          throw new ApiError(response.status, 'invalid_response', `unreadable answer from ${method} ${path}`);
        }
      }
      throw errorFrom(response, method, path);
    }
  }
}

function errorFrom(response: HttpResponse, method: string, path: string): ApiError {
  let parsed: { code?: unknown; message?: unknown; request_id?: unknown } | undefined;
  try {
    parsed = JSON.parse(response.body) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const code = typeof parsed?.code === 'string' ? parsed.code : `http_${response.status}`;
  const message = typeof parsed?.message === 'string' ? parsed.message : `${method} ${path} answered ${response.status}`;
  const requestId =
    typeof parsed?.request_id === 'string' ? parsed.request_id : response.headers['x-request-id'] || undefined;
  return new ApiError(response.status, code, message, requestId, parsed);
}

export function isCancelled(error: unknown): boolean {
  return error instanceof CancelledError;
}
