import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { WxApi } from '../../src/wx';

export interface ShimOptions {
  /** getFileInfo answers `digest` for digestAlgorithm md5 (a recent base library); false = an old one. */
  nativeDigest?: boolean;
  /** The code wx.login answers. */
  loginCode?: () => string;
}

export interface ShimStats {
  requests: number;
  uploads: number;
  readFileCalls: number;
  readFileBytes: number;
  maxReadLength: number;
  digestCalls: number;
  /** Every request / uploadFile call, with the time it was made. */
  calls: Array<{ kind: 'request' | 'uploadFile'; url: string; at: number }>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

/**
 * A `wx` for Node that makes real HTTP calls, as the mini-program runtime does: `request` (JSON text),
 * `uploadFile` (multipart/form-data: formData fields, then the file part named by `name`, streamed from disk,
 * with `onProgressUpdate`), `getFileSystemManager().getFileInfo/readFile` over real files, `login`.
 */
export function createWxShim(options: ShimOptions = {}): WxApi & { stats: ShimStats } {
  const stats: ShimStats = { requests: 0, uploads: 0, readFileCalls: 0, readFileBytes: 0, maxReadLength: 0, digestCalls: 0, calls: [] };
  const fsManager: ReturnType<WxApi['getFileSystemManager']> = {
    getFileInfo(option) {
      void (async () => {
        try {
          const size = statSync(option.filePath).size;
          let digest = '';
          if (option.digestAlgorithm === 'md5' && options.nativeDigest) {
            stats.digestCalls++;
            const hash = createHash('md5');
            for await (const chunk of createReadStream(option.filePath)) hash.update(chunk as Buffer);
            digest = hash.digest('hex');
          }
          // An old base library ignores digestAlgorithm: no digest in the answer.
          option.success?.({ size, digest: digest || (undefined as unknown as string) });
        } catch (error) {
          option.fail?.({ errMsg: `getFileInfo:fail ${(error as Error).message}` });
        }
      })();
    },
    readFile(option) {
      void (async () => {
        try {
          stats.readFileCalls++;
          const handle = await fsp.open(option.filePath, 'r');
          try {
            const size = (await handle.stat()).size;
            const position = option.position ?? 0;
            const length = option.length ?? size - position;
            stats.maxReadLength = Math.max(stats.maxReadLength, length);
            const buffer = Buffer.alloc(length);
            const { bytesRead } = await handle.read(buffer, 0, length, position);
            stats.readFileBytes += bytesRead;
            const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead);
            option.success?.({ data });
          } finally {
            await handle.close();
          }
        } catch (error) {
          option.fail?.({ errMsg: `readFile:fail ${(error as Error).message}` });
        }
      })();
    },
  };

  return {
    stats,

    request(option) {
      stats.requests++;
      stats.calls.push({ kind: 'request', url: option.url, at: Date.now() });
      let done = false;
      const fail = (message: string): void => {
        if (done) return;
        done = true;
        option.fail?.({ errMsg: `request:fail ${message}` });
      };
      const req = http.request(option.url, { method: option.method ?? 'GET', headers: option.header, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => fail(e.message));
        res.on('end', () => {
          if (done) return;
          done = true;
          const text = Buffer.concat(chunks).toString('utf8');
          let data: unknown = text;
          if ((option.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              data = text;
            }
          }
          option.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers as Record<string, unknown> });
        });
      });
      req.on('error', (e) => fail(e.message));
      req.end(option.data);
      return {
        abort() {
          req.destroy();
          fail('abort');
        },
      };
    },

    uploadFile(option) {
      stats.uploads++;
      stats.calls.push({ kind: 'uploadFile', url: option.url, at: Date.now() });
      const listeners: Array<(r: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void> = [];
      let done = false;
      let req: http.ClientRequest | undefined;
      let aborted = false;
      const fail = (message: string): void => {
        if (done) return;
        done = true;
        option.fail?.({ errMsg: `uploadFile:fail ${message}` });
      };
      setImmediate(() => {
        if (aborted) return;
        try {
          const boundary = `----wxshim${randomBytes(12).toString('hex')}`;
          const parts: Buffer[] = [];
          for (const [name, value] of Object.entries(option.formData ?? {})) {
            parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`));
          }
          const fileName = path.basename(option.filePath);
          const fileHead = Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${option.name}"; filename="${fileName}"\r\n` +
              'Content-Type: application/octet-stream\r\n\r\n',
          );
          const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
          const head = Buffer.concat([...parts, fileHead]);
          const fileSize = statSync(option.filePath).size;
          const total = head.length + fileSize + tail.length;
          let sent = 0;
          const progress = (n: number): void => {
            sent += n;
            for (const l of listeners) {
              l({ progress: Math.floor((sent * 100) / total), totalBytesSent: sent, totalBytesExpectedToSend: total });
            }
          };
          req = http.request(
            option.url,
            {
              method: 'POST',
              agent,
              headers: {
                ...(option.header as Record<string, string> | undefined),
                'content-type': `multipart/form-data; boundary=${boundary}`,
                'content-length': String(total),
              },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('error', (e) => fail(e.message));
              res.on('end', () => {
                if (done) return;
                done = true;
                option.success?.({ statusCode: res.statusCode ?? 0, data: Buffer.concat(chunks).toString('utf8') });
              });
            },
          );
          const request = req;
          request.on('error', (e) => fail(e.message));
          request.write(head, () => progress(head.length));
          const stream = createReadStream(option.filePath, { highWaterMark: 16 * 1024 });
          stream.on('data', (chunk) => {
            const buffer = chunk as Buffer;
            const ok = request.write(buffer, () => progress(buffer.length));
            if (!ok) {
              stream.pause();
              request.once('drain', () => stream.resume());
            }
          });
          stream.on('error', (e) => {
            request.destroy();
            fail(e.message);
          });
          stream.on('end', () => {
            request.end(tail, () => progress(tail.length));
          });
        } catch (error) {
          fail((error as Error).message);
        }
      });
      return {
        abort() {
          aborted = true;
          req?.destroy();
          fail('abort');
        },
        onProgressUpdate(listener) {
          listeners.push(listener);
        },
      };
    },

    getFileSystemManager() {
      return fsManager;
    },

    login(option) {
      const code = options.loginCode?.();
      setImmediate(() => {
        if (code) option.success?.({ code });
        else option.fail?.({ errMsg: 'login:fail no code configured' });
      });
    },
  };
}
