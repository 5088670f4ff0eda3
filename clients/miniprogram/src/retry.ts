import { sleep, type CancelSignal } from './cancel';

/** How calls that failed for a passing reason (network, 5xx, 429) are tried again. */
export interface RetryOptions {
  /** Tries in all, the first included (default 5). */
  attempts?: number;
  /** Delay before the first retry, doubled for each next one (default 500 ms). */
  baseDelayMs?: number;
  /** Cap of one backoff delay (default 15 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails (default 60 s). */
  maxRetryAfterMs?: number;
  /** Source of randomness for the jitter, in [0, 1) (default `Math.random`). */
  random?: () => number;
}

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(options: RetryOptions | undefined): ResolvedRetry {
  return {
    attempts: Math.max(1, Math.floor(options?.attempts ?? 5)),
    baseDelayMs: Math.max(0, options?.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 15_000),
    maxRetryAfterMs: Math.max(0, options?.maxRetryAfterMs ?? 60_000),
    random: options?.random ?? Math.random,
  };
}

/**
 * The delay before retry number `retry` (1 for the first retry): exponential, capped, with "equal jitter"
 * (a random value between half the delay and the delay) so that many phones do not retry in step.
 */
export function backoffDelay(retry: number, options: ResolvedRetry): number {
  const exp = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp / 2 + options.random() * (exp / 2));
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Statuses worth another try: 429 and 5xx except 501 (not implemented) and 505. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/**
 * Waits before retry number `retry`: the `Retry-After` if one was given (never less), else the backoff.
 * Returns false (without waiting) when the Retry-After is beyond `maxRetryAfterMs`.
 */
export async function waitBeforeRetry(
  retry: number,
  options: ResolvedRetry,
  retryAfter: string | undefined,
  signal?: CancelSignal,
): Promise<boolean> {
  const after = retryAfterMs(retryAfter);
  if (after !== undefined && after > options.maxRetryAfterMs) return false;
  const delay = after !== undefined ? after + Math.round(options.random() * 100) : backoffDelay(retry, options);
  await sleep(delay, signal);
  return true;
}
