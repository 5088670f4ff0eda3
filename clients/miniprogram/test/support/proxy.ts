import http from 'node:http';

/** What the proxy does with one request. */
export type ProxyAction =
  | { kind: 'forward'; delayMs?: number }
  /** Answer this without forwarding (e.g. a 429 from a rate limiter in front of the service). */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string }
  /** Read this many bytes of the request, then drop the connection: nothing reaches the service. */
  | { kind: 'drop'; afterBytes: number }
  /** Forward (after `delayMs`), let the service act, then answer this instead of the service's answer. */
  | { kind: 'replace'; status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

export interface ProxyRequest {
  seq: number;
  method: string;
  /** Path and query. */
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** For a multipart upload form: the value of its `key` field. */
  key?: string;
  contentLength: number;
}

export interface ProxyRecord extends ProxyRequest {
  action: ProxyAction['kind'];
  /** Status the client got (undefined when the connection was dropped). */
  status?: number;
  /** Status the service answered, when the request reached it. */
  upstreamStatus?: number;
  startedAt: number;
  endedAt?: number;
}

export type ProxyRule = (request: ProxyRequest) => ProxyAction | undefined;

/**
 * A loopback HTTP proxy in front of the service that can delay, refuse, drop or rewrite requests, and logs
 * every request with what happened to it. Rules are asked in order; the first answer wins; none → forward.
 */
export class FaultProxy {
  readonly records: ProxyRecord[] = [];
  rules: ProxyRule[] = [];
  /** Added before every forwarded request (a phone's round trip), on top of a rule's own delay. */
  delayAllMs = 0;
  private server: http.Server | undefined;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private seq = 0;

  /** The service's URL; may be set after construction (the service needs the proxy's port first). */
  constructor(public target: string = '') {}

  async listen(port = 0): Promise<number> {
    const server = http.createServer((req, res) => {
      void this.handle(req, res).catch(() => {
        if (!res.headersSent) {
          res.writeHead(502);
          res.end();
        } else {
          res.destroy();
        }
      });
    });
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    const address = server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests whose path starts with `prefix` (and method, if given). */
  find(prefix: string, method?: string): ProxyRecord[] {
    return this.records.filter((r) => r.path.startsWith(prefix) && (!method || r.method === method));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const request: ProxyRequest = {
      seq: ++this.seq,
      method: req.method ?? 'GET',
      url,
      path: url.split('?')[0] ?? url,
      headers: req.headers,
      contentLength: Number(req.headers['content-length'] ?? 0),
    };
    const record: ProxyRecord = { ...request, action: 'forward', startedAt: Date.now() };
    this.records.push(record);
    let clientGone = false;
    let upstream: http.ClientRequest | undefined;
    res.on('close', () => {
      if (!res.writableFinished) {
        clientGone = true;
        upstream?.destroy();
      }
    });

    const head: Buffer[] = [];
    let received = 0;
    let ended = false;
    if (request.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      await new Promise<void>((resolve) => {
        const onData = (chunk: Buffer): void => {
          head.push(chunk);
          received += chunk.length;
          const match = /name="key"\r\n\r\n([^\r]*)\r\n/.exec(Buffer.concat(head).toString('latin1'));
          if (match || received > 256 * 1024) {
            request.key = match?.[1];
            req.off('data', onData);
            req.off('end', onEnd);
            req.pause();
            resolve();
          }
        };
        const onEnd = (): void => {
          ended = true;
          req.off('data', onData);
          resolve();
        };
        req.on('data', onData);
        req.on('end', onEnd);
      });
      record.key = request.key;
    }

    let action: ProxyAction = { kind: 'forward' };
    for (const rule of this.rules) {
      const answer = rule(request);
      if (answer) {
        action = answer;
        break;
      }
    }
    record.action = action.kind;

    if (action.kind === 'respond') {
      req.resume();
      res.writeHead(action.status, { 'content-type': 'application/json', ...(action.headers ?? {}) });
      res.end(action.body ?? '');
      record.status = action.status;
      record.endedAt = Date.now();
      return;
    }
    if (action.kind === 'drop') {
      const limit = action.afterBytes;
      await new Promise<void>((resolve) => {
        if (received >= limit || ended) {
          resolve();
          return;
        }
        req.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= limit) resolve();
        });
        req.on('end', () => resolve());
        req.resume();
      });
      req.socket.destroy();
      record.endedAt = Date.now();
      return;
    }

    const delay = this.delayAllMs + (action.delayMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (clientGone) {
      record.endedAt = Date.now();
      return;
    }
    const target = new URL(url, this.target);
    const up = http.request(target, { method: request.method, headers: req.headers, agent: this.agent });
    upstream = up;
    const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
      up.on('response', resolve);
      up.on('error', reject);
    });
    for (const chunk of head) up.write(chunk);
    if (ended) up.end();
    else req.pipe(up);

    const upRes = await answered;
    record.upstreamStatus = upRes.statusCode;
    if (action.kind === 'replace') {
      upRes.resume();
      await new Promise((r) => upRes.on('end', r));
      res.writeHead(action.status, { 'content-type': 'application/json', ...(action.headers ?? {}) });
      res.end(action.body ?? '');
      record.status = action.status;
      record.endedAt = Date.now();
      return;
    }
    res.writeHead(upRes.statusCode ?? 502, upRes.headers);
    upRes.pipe(res);
    await new Promise((r) => res.on('finish', r));
    record.status = upRes.statusCode;
    record.endedAt = Date.now();
  }
}

/** A rule that fires for the first `times` requests it matches, then never again. */
export function times(count: number, match: (r: ProxyRequest) => boolean, action: (r: ProxyRequest) => ProxyAction): ProxyRule {
  let left = count;
  return (request) => {
    if (left <= 0 || !match(request)) return undefined;
    left--;
    return action(request);
  };
}
