import { CancelledError, onAbort, throwIfCancelled, type CancelSignal } from './cancel';
import { isMd5Hex, md5OfChunks } from './md5';
import { baseName, typeFromName } from './mime';
import {
  lowerCaseHeaders,
  NetworkError,
  type FileInfo,
  type HttpRequest,
  type HttpResponse,
  type Platform,
  type UploadRequest,
} from './platform';

/**
 * The part of the `wx` global the SDK uses. The real `wx` (typed by `miniprogram-api-typings`) fits it; a test
 * can hand over a shim with the same shape.
 */
export interface WxApi {
  request(option: {
    url: string;
    method?: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'HEAD' | 'OPTIONS' | 'TRACE' | 'CONNECT';
    data?: string;
    header?: Record<string, string>;
    dataType?: string;
    responseType?: 'text' | 'arraybuffer';
    success?: (result: { statusCode: number; data: unknown; header: Record<string, unknown> }) => void;
    fail?: (error: { errMsg: string }) => void;
  }): { abort(): void };
  uploadFile(option: {
    url: string;
    filePath: string;
    name: string;
    formData?: Record<string, unknown>;
    header?: Record<string, unknown>;
    success?: (result: { statusCode: number; data: string }) => void;
    fail?: (error: { errMsg: string }) => void;
  }): {
    abort(): void;
    onProgressUpdate(
      listener: (result: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void,
    ): void;
  };
  getFileSystemManager(): {
    getFileInfo(option: {
      filePath: string;
      digestAlgorithm?: 'md5' | 'sha1' | 'sha256';
      success?: (result: { size: number; digest: string }) => void;
      fail?: (error: { errMsg: string }) => void;
    }): void;
    readFile(option: {
      filePath: string;
      position?: number;
      length?: number;
      success?: (result: { data: string | ArrayBuffer }) => void;
      fail?: (error: { errMsg: string }) => void;
    }): void;
  };
  login(option: {
    success?: (result: { code: string }) => void;
    fail?: (error: { errMsg: string }) => void;
  }): void;
}

/**
 * A file picked in a mini program: a temp file path (`wx.chooseMedia` → `tempFiles[i].tempFilePath`), or that
 * path with what is known about it.
 */
export type WxFile =
  | string
  | {
      path: string;
      /** File name sent to the service (default: the path's last segment). */
      name?: string;
      size?: number;
      type?: string;
      capturedAt?: string;
    };

export interface WxPlatformOptions {
  /**
   * Use `FileSystemManager.getFileInfo({digestAlgorithm: 'md5'})` when the base library answers it (default
   * true); otherwise, or when it gives no digest, the SDK hashes `readFile` chunks itself.
   */
  nativeDigest?: boolean;
}

function pathOf(file: WxFile): string {
  return typeof file === 'string' ? file : file.path;
}

/** The WeChat mini-program platform (`wxPlatform(wx)`): `wx.request`, `wx.uploadFile`, `wx.getFileSystemManager`, `wx.login`. */
export function wxPlatform(wxApi: WxApi, options: WxPlatformOptions = {}): Platform<WxFile> {
  if (!wxApi) throw new Error('wxPlatform(wx): pass the wx object');
  const nativeDigest = options.nativeDigest ?? true;
  let digestWorks: boolean | undefined;

  const fileInfo = (filePath: string, digest: boolean): Promise<{ size: number; digest?: string }> =>
    new Promise((resolve, reject) => {
      wxApi.getFileSystemManager().getFileInfo({
        filePath,
        ...(digest ? { digestAlgorithm: 'md5' as const } : {}),
        success: (result) => resolve({ size: result.size, digest: result.digest }),
        fail: (error) => reject(new Error(error.errMsg)),
      });
    });

  const readChunk = (filePath: string, position: number, length: number): Promise<ArrayBuffer> =>
    new Promise((resolve, reject) => {
      wxApi.getFileSystemManager().readFile({
        filePath,
        position,
        length,
        success: (result) => {
          if (typeof result.data === 'string') reject(new Error('readFile answered text, expected an ArrayBuffer'));
          else resolve(result.data);
        },
        fail: (error) => reject(new Error(error.errMsg)),
      });
    });

  return {
    name: 'wx',

    request(request: HttpRequest): Promise<HttpResponse> {
      return new Promise((resolve, reject) => {
        throwIfCancelled(request.signal);
        let dispose: () => void = () => undefined;
        const task = wxApi.request({
          url: request.url,
          method: request.method,
          data: request.body,
          header: request.headers,
          dataType: 'text',
          responseType: 'text',
          success: (result) => {
            dispose();
            resolve({
              status: result.statusCode,
              headers: lowerCaseHeaders(result.header),
              body: typeof result.data === 'string' ? result.data : JSON.stringify(result.data ?? ''),
            });
          },
          fail: (error) => {
            dispose();
            reject(request.signal?.aborted ? new CancelledError() : new NetworkError(error.errMsg));
          },
        });
        dispose = onAbort(request.signal, () => task.abort());
      });
    },

    upload(request: UploadRequest<WxFile>): Promise<HttpResponse> {
      return new Promise((resolve, reject) => {
        throwIfCancelled(request.signal);
        let dispose: () => void = () => undefined;
        const task = wxApi.uploadFile({
          url: request.url,
          filePath: pathOf(request.file),
          name: 'file',
          formData: request.fields,
          success: (result) => {
            dispose();
            resolve({ status: result.statusCode, headers: {}, body: result.data ?? '' });
          },
          fail: (error) => {
            dispose();
            reject(request.signal?.aborted ? new CancelledError() : new NetworkError(error.errMsg));
          },
        });
        const onProgress = request.onProgress;
        if (onProgress) {
          task.onProgressUpdate((update) => onProgress(update.totalBytesSent, update.totalBytesExpectedToSend));
        }
        dispose = onAbort(request.signal, () => task.abort());
      });
    },

    async describe(file: WxFile): Promise<FileInfo> {
      const path = pathOf(file);
      const given: Exclude<WxFile, string> = typeof file === 'string' ? { path } : file;
      const name = given.name ?? baseName(path);
      const size = given.size ?? (await fileInfo(path, false)).size;
      return { name, size, type: given.type ?? typeFromName(name), capturedAt: given.capturedAt };
    },

    async md5(file: WxFile, size: number, signal?: CancelSignal): Promise<string> {
      const path = pathOf(file);
      if (nativeDigest && digestWorks !== false) {
        try {
          const info = await fileInfo(path, true);
          if (isMd5Hex(info.digest)) {
            digestWorks = true;
            return info.digest.toLowerCase();
          }
          digestWorks = false;
        } catch {
          digestWorks = false;
        }
      }
      return md5OfChunks(size, (position, length) => readChunk(path, position, length), signal);
    },

    loginCode(): Promise<string> {
      return new Promise((resolve, reject) => {
        wxApi.login({
          success: (result) => resolve(result.code),
          fail: (error) => reject(new Error(`wx.login failed: ${error.errMsg}`)),
        });
      });
    },
  };
}
