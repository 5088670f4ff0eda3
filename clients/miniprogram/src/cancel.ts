/**
 * Cancellation. The SDK takes any object shaped like the DOM's `AbortSignal` (a browser's or Node's
 * `AbortController().signal` fits), and ships {@link CancelController} for WeChat, whose JavaScript has no
 * `AbortController`.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Thrown (and used as a rejection) when an operation stopped because its signal was aborted. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** A minimal `AbortController` for runtimes without one (WeChat mini programs). */
export class CancelController {
  readonly signal: CancelSignal;
  private readonly listeners = new Set<() => void>();
  private isAborted = false;

  constructor() {
    const listeners = this.listeners;
    const isAborted = (): boolean => this.isAborted;
    this.signal = {
      get aborted(): boolean {
        return isAborted();
      },
      addEventListener(_type: 'abort', listener: () => void): void {
        listeners.add(listener);
      },
      removeEventListener(_type: 'abort', listener: () => void): void {
        listeners.delete(listener);
      },
    };
  }

  abort(): void {
    if (this.isAborted) return;
    this.isAborted = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}

/** Calls `fn` once when `signal` aborts; returns a function that unregisters it. */
export function onAbort(signal: CancelSignal | undefined, fn: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    fn();
    return () => undefined;
  }
  let called = false;
  const listener = (): void => {
    if (called) return;
    called = true;
    fn();
  };
  signal.addEventListener('abort', listener);
  return () => signal.removeEventListener('abort', listener);
}

export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Resolves after `ms` milliseconds, or rejects with {@link CancelledError} as soon as `signal` aborts. */
export function sleep(ms: number, signal?: CancelSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    let dispose: () => void = () => undefined;
    const timer = setTimeout(() => {
      dispose();
      resolve();
    }, Math.max(0, ms));
    dispose = onAbort(signal, () => {
      clearTimeout(timer);
      reject(new CancelledError());
    });
  });
}
