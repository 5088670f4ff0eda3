export { ApiClient, ApiError, devLogin, staticToken, wechatLogin } from './api';
export type { ApiClientOptions, LoginContext, LoginStrategy, PrepareAnswer, PrepareBody } from './api';
export { CancelController, CancelledError, sleep } from './cancel';
export type { CancelSignal } from './cancel';
export { createClient, DirectUploadClient } from './client';
export { md5OfChunks, MD5_CHUNK_BYTES } from './md5';
export { typeFromName } from './mime';
export { NetworkError } from './platform';
export type { FileInfo, HttpRequest, HttpResponse, Platform, UploadRequest } from './platform';
export { backoffDelay, isRetryableStatus, retryAfterMs } from './retry';
export type { RetryOptions } from './retry';
export { storageVerdict } from './storage';
export type { StorageVerdict } from './storage';
export type { Album, Family, Photo, PhotoPage } from './types';
export { DEFAULT_CONCURRENCY, MAX_BATCH, MAX_CONCURRENCY, uploadFiles } from './upload';
export type { FileProgress, FileStatus, UploadFilesOptions, UploadProgress, UploadResult } from './upload';
export { wxPlatform } from './wx';
export type { WxApi, WxFile, WxPlatformOptions } from './wx';


